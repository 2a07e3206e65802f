import { describe, expect, it } from "vitest";
import { normalizeArxivId, parsePaperRef } from "../../src/papers/arxiv-id.ts";

describe("parsePaperRef", () => {
  it.each([
    ["2302.06675", "2302.06675"],
    ["2302.06675v2", "2302.06675"],
    ["  2302.06675  ", "2302.06675"],
    ["arXiv:2302.06675", "2302.06675"],
    ["arxiv:2302.06675v3", "2302.06675"],
    ["1412.6980", "1412.6980"],
    ["hep-th/9901001", "hep-th/9901001"],
    ["hep-th/9901001v2", "hep-th/9901001"],
    ["math.GT/0309136", "math.GT/0309136"],
    ["arXiv:hep-th/9901001", "hep-th/9901001"],
    ["https://arxiv.org/abs/2302.06675", "2302.06675"],
    ["https://arxiv.org/abs/2302.06675v1", "2302.06675"],
    ["http://arxiv.org/pdf/2302.06675v2", "2302.06675"],
    ["https://arxiv.org/pdf/2302.06675.pdf", "2302.06675"],
    ["https://arxiv.org/html/2302.06675v1", "2302.06675"],
    ["https://www.arxiv.org/abs/2302.06675/", "2302.06675"],
    ["arxiv.org/abs/2302.06675", "2302.06675"],
    ["https://export.arxiv.org/abs/hep-th/9901001", "hep-th/9901001"],
    ["https://arxiv.org/abs/2302.06675?context=cs", "2302.06675"],
    ["https://arxiv.org/abs/2302.06675#S3", "2302.06675"],
    ["https://huggingface.co/papers/2302.06675", "2302.06675"],
    ["huggingface.co/papers/2302.06675", "2302.06675"],
    ["https://hf.co/papers/2302.06675", "2302.06675"],
    ["https://www.alphaxiv.org/abs/2302.06675", "2302.06675"],
    ["https://alphaxiv.org/abs/2302.06675v2", "2302.06675"],
    ["<https://arxiv.org/abs/2302.06675>", "2302.06675"],
    ["<https://arxiv.org/abs/2302.06675|arxiv.org/abs/2302.06675>", "2302.06675"],
  ])("reads %s as %s", (input, id) => {
    expect(parsePaperRef(input)).toBe(id);
  });

  it.each([
    "",
    "regularization",
    "2302.0667",
    "2302.066755",
    "2313.06675", // month 13
    "0704.00011", // five digits before 2015
    "1501.0001", // four digits from 2015
    "2302.06675 and more",
    "https://example.com/abs/2302.06675",
    "https://arxiv.org.evil.com/abs/2302.06675",
    "https://user@arxiv.org/abs/2302.06675",
    "https://arxiv.org:8080/abs/2302.06675",
    "ftp://arxiv.org/abs/2302.06675",
    "https://arxiv.org/list/cs.LG/new",
    "https://huggingface.co/models/2302.06675",
    "https://arxiv.org/abs/../../etc/passwd",
    "javascript:alert(1)",
    "hep-th/990100",
    "HEP-TH/9901001",
    "<!channel>",
    "__proto__",
    "constructor",
    "https://__proto__/abs/2302.06675",
    "toString",
    "2302.06675".repeat(40),
  ])("rejects %j", (input) => {
    expect(parsePaperRef(input)).toBeNull();
  });
});

describe("normalizeArxivId", () => {
  it("drops the version suffix", () => {
    expect(normalizeArxivId("2501.04697v2")).toBe("2501.04697");
  });
  it("rejects URLs, which only parsePaperRef reads", () => {
    expect(normalizeArxivId("https://arxiv.org/abs/2501.04697")).toBeNull();
  });
});
