// Turns a server's "address in use" into a message that names the port and the variable that sets it.
import { PaperboyError } from "../errors.ts";

/**
 * For `listen()` failures: EADDRINUSE becomes a `port_in_use` error naming `port` and `variable`
 * (PORT, PLAYGROUND_PORT); anything else is returned unchanged. Use as `.catch((e) => { throw … })`.
 */
export function explainListenError(error: unknown, port: number, variable: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== "EADDRINUSE") return error;
  return new PaperboyError(
    "port_in_use",
    `Port ${port} (${variable}) is taken, perhaps by another paperboy: stop that one, or set ${variable} to a free port.`,
    { cause: error },
  );
}
