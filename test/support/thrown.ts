// The PaperboyError a synchronous call throws, for asserting on its code and detail.
import { expect } from "vitest";
import { PaperboyError } from "../../src/errors.ts";

/** Runs `run`, expects it to throw a PaperboyError and returns it. */
export function thrown(run: () => unknown): PaperboyError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PaperboyError);
    return error as PaperboyError;
  }
  throw new Error("expected a throw");
}
