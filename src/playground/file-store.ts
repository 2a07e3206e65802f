// Files uploaded to the stand-in the way files.uploadV2 does it: ask for a URL, send the bytes there, complete.

/** One file as the stand-in keeps it. */
export interface StoredFile {
  id: string;
  filename: string;
  /** The length the app announced in files.getUploadURLExternal. */
  length: number;
  /** What was sent to the upload URL; undefined until then. */
  content?: Buffer;
  title?: string;
  /** Set by files.completeUploadExternal: where it was shared (none: uploaded privately). */
  channel?: string;
  initialComment?: string;
  completed: boolean;
  at: number;
}

/** Files by id, in upload order; the playground and tests read them back. */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private counter = 0;

  constructor(private readonly now: () => number) {}

  /** A new pending file (files.getUploadURLExternal). */
  create(filename: string, length: number): StoredFile {
    this.counter += 1;
    const file: StoredFile = {
      id: `F${String(this.counter).padStart(8, "0")}`,
      filename,
      length,
      completed: false,
      at: this.now(),
    };
    this.byId.set(file.id, file);
    return file;
  }

  get(id: string): StoredFile | undefined {
    return this.byId.get(id);
  }

  /** Every file, oldest first; with `completedOnly`, those files.completeUploadExternal finished. */
  list(completedOnly = false): StoredFile[] {
    return [...this.byId.values()].filter((file) => !completedOnly || file.completed);
  }

  clear(): void {
    this.byId.clear();
  }
}

/**
 * The bytes of an upload-URL POST: WebClient sends a Buffer as multipart/form-data (one part); anything else is
 * taken as the raw body, as Slack's upload endpoint also accepts.
 */
export async function uploadedBytes(body: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith("multipart/form-data")) return body;
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  const [first] = [...form.values()];
  return Buffer.from(typeof first === "string" ? first : "");
}
