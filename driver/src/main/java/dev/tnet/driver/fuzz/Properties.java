package dev.tnet.driver.fuzz;

import dev.tnet.runtime.UserException;
import java.util.List;

/** Every property, by name, in the order {@code tnet fuzz} runs them. */
public final class Properties {
  private Properties() {}

  public static List<Property<?>> all() {
    return List.of(new JitProperty(), new AotProperty(), new PassesProperty(), new PrintProperty(), new SourceProperty(),
        new OnnxProperty(), new OpenClProperty());
  }

  public static List<String> names() {
    return all().stream().map(Property::name).toList();
  }

  public static Property<?> named(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new UserException("no property '" + name + "'; the properties are " + names()));
  }
}
