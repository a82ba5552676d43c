package dev.tnet.onnx.read;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names for the tnet graph made from ONNX names: layers are dotted paths whose segments .tnet can
 * write after {@code @} (identifiers, keywords or digits), values and inputs are identifiers; all
 * are unique.
 */
final class Names {
  private static final Pattern OTHER = Pattern.compile("[^A-Za-z0-9_]");
  private final Set<String> taken = new HashSet<>();

  /** {@code s} as an identifier: other characters become {@code _}, a leading digit gets a {@code _}. */
  static String identifier(String s) {
    String id = OTHER.matcher(s).replaceAll("_");
    if (id.isEmpty() || Character.isDigit(id.charAt(0))) id = "_" + id;
    return id;
  }

  /** {@code s} as a dotted path of identifiers or digit runs. */
  static String path(String s) {
    StringBuilder sb = new StringBuilder();
    for (String seg : s.split("\\.", -1)) {
      if (sb.length() > 0) sb.append('.');
      sb.append(seg.matches("[0-9]+") ? seg : identifier(seg));
    }
    return sb.toString();
  }

  /**
   * The layer an initializer belongs to: its name without the last segment ({@code conv2d_57.w_0}
   * is layer {@code conv2d_57}, PyTorch's {@code features.0.weight} is {@code features.0}), or the
   * whole name when it has no dot.
   */
  static String layerOf(String initializer) {
    int dot = initializer.lastIndexOf('.');
    String layer = dot > 0 ? initializer.substring(0, dot) : initializer;
    return path(layer);
  }

  /** {@code preferred}, or {@code preferred_2}, ...: the first name not taken; claims it. */
  String fresh(String preferred) {
    String name = preferred;
    for (int k = 2; !taken.add(name); k++) name = preferred + "_" + k;
    return name;
  }

  /** Claims a name that must be used as is (an input); false if it was taken. */
  boolean claim(String name) {
    return taken.add(name);
  }
}
