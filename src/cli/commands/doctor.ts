// `paperboy doctor`: runs every check and exits 1 when one fails.
import type { CliCommand } from "../cli-command.ts";
import { formatChecks, runDoctorChecks } from "../doctor-command.ts";

export const doctor: CliCommand = async (_args, services) => {
  const checks = await runDoctorChecks(services);
  return { output: formatChecks(checks), exitCode: checks.every((c) => c.ok) ? 0 : 1 };
};
