package dev.tnet.runtime.model;

/**
 * The version of tnet this runtime belongs to; model jars record the version that wrote them and
 * load only into the same one. A codegen test checks it against the Maven project version.
 */
public final class TnetVersion {
  public static final String CURRENT = "0.1.0-SNAPSHOT";

  private TnetVersion() {}
}
