// Reads the Dockerfile's last stage (the runtime): what it copies, its ENV, CMD and HEALTHCHECK command.
// check:image follows these lines, so the image and its host reproduction cannot drift apart unnoticed.

/**
 * Understands the instructions the runtime stage uses: `COPY [--from=…] SRC DEST`, `ENV K=V …`,
 * `CMD [json]` and `HEALTHCHECK … CMD [json]`, with `\` line continuations.
 */
export function readRuntimeStage(dockerfile) {
  const lines = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const lastFrom = lines.findLastIndex((line) => /^FROM\s/i.test(line));
  const stage = { copies: [], env: {}, cmd: [], healthcheck: [] };
  for (const line of lines.slice(lastFrom + 1)) {
    const [instruction = "", ...rest] = line.split(/\s+/);
    const upper = instruction.toUpperCase();
    if (upper === "COPY") {
      const words = rest.filter((word) => !word.startsWith("--"));
      const from = rest.find((word) => word.startsWith("--from="));
      const target = words.pop() ?? ".";
      for (const word of words) {
        // `--from=build /app/dist` is the build stage's dist/, which `npm run build` makes here.
        const source = from ? word.replace(/^\/app\//, "") : word;
        stage.copies.push({ source: source.replace(/\/$/, ""), target: target.replace(/^\.\//, "") });
      }
    } else if (upper === "ENV") {
      for (const pair of rest) {
        const [key, ...value] = pair.split("=");
        if (key) stage.env[key] = value.join("=");
      }
    } else if (upper === "CMD") stage.cmd = JSON.parse(rest.join(" "));
    else if (upper === "HEALTHCHECK") stage.healthcheck = JSON.parse(line.slice(line.indexOf(" CMD ") + 5));
  }
  if (stage.cmd.length === 0 || stage.healthcheck.length === 0)
    throw new Error("the Dockerfile's last stage needs a CMD and a HEALTHCHECK in JSON form");
  return stage;
}
