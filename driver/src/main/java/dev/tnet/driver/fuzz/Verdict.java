package dev.tnet.driver.fuzz;

/** The result of a property on one seed: the case it drew and, if the property failed, why. */
public record Verdict(String property, long seed, Object testCase, Symptom symptom) {
  public boolean passed() {
    return symptom == null;
  }

  /** The command that replays this seed. */
  public String replay() {
    return "./tnet fuzz --property " + property + " --seed " + seed + " --tries 1";
  }

  public String toString() {
    return property + " seed " + seed + (passed() ? ": passed" : ": FAILED " + symptom.kind() + "\n" + symptom.detail()
        + "\nreplay: " + replay());
  }
}
