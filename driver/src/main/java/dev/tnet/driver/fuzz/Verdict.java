package dev.tnet.driver.fuzz;

/**
 * The result of a property on one seed: the case it drew and, if the property failed, why;
 * {@code replay} is the command that draws and checks the same case again.
 */
public record Verdict(String property, long seed, Object testCase, Symptom symptom, String replay) {
  public boolean passed() {
    return symptom == null;
  }

  /** The same seed and replay command for another case (the shrunk one) and symptom. */
  Verdict with(Object otherCase, Symptom s) {
    return new Verdict(property, seed, otherCase, s, replay);
  }

  public String toString() {
    return property + " seed " + seed + (passed() ? ": passed" : ": FAILED " + symptom.kind() + "\n" + symptom.detail()
        + "\nreplay: " + replay);
  }
}
