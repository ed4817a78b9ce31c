import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { boundaryOf, parseMultipart } from "./multipart";

const body = (...lines: (string | Buffer)[]) => Buffer.concat(lines.map((line) => (typeof line === "string" ? Buffer.from(line) : line)));

describe("[SIMULATOR][MULTIPART] parseMultipart", () => {
  it("reads the boundary, quoted or not, and only from multipart/form-data", () => {
    assert.equal(boundaryOf("multipart/form-data; boundary=----abc"), "----abc");
    assert.equal(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b:c"'), "a b:c");
    assert.equal(boundaryOf("application/json"), undefined);
    assert.equal(boundaryOf("multipart/form-data"), undefined);
  });

  it("keeps binary data intact, even bytes that look like a boundary or a line break", () => {
    const data = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x58, 0x0d, 0x0a, 0x2d, 0x2d, 0x62, 0x6f, 0x75, 0x6e, 0x58]);
    const parts = parseMultipart(
      body(
        "preamble to ignore\r\n",
        "--bound\r\n",
        'Content-Disposition: form-data; name="description"\r\n\r\n',
        "说明\r\n",
        "--bound  \r\n",
        'Content-Disposition: form-data; name="media"; filename="图 \\"1\\".jpg"\r\nContent-Type: image/jpeg\r\n\r\n',
        data,
        "\r\n--bound--\r\nepilogue",
      ),
      "multipart/form-data; boundary=bound",
    );
    assert.equal(parts?.length, 2);
    assert.deepEqual(
      { ...parts![0], data: parts![0].data.toString() },
      { name: "description", filename: undefined, contentType: undefined, data: "说明" },
    );
    assert.deepEqual(
      { name: parts![1].name, filename: parts![1].filename, contentType: parts![1].contentType },
      {
        name: "media",
        filename: '图 "1".jpg',
        contentType: "image/jpeg",
      },
    );
    assert.ok(parts![1].data.equals(data));
  });

  it("refuses bodies that are cut short or lack their boundary", () => {
    const type = "multipart/form-data; boundary=b";
    assert.equal(parseMultipart(body('--b\r\nContent-Disposition: form-data; name="media"\r\n\r\nabc'), type), undefined);
    assert.equal(parseMultipart(body("--b\r\nContent-Disposition: form-data"), type), undefined);
    assert.equal(parseMultipart(body("no delimiter at all"), type), undefined);
    assert.equal(parseMultipart(body("--b"), type), undefined);
    assert.deepEqual(parseMultipart(body("--b--\r\n"), type), []);
    assert.equal(parseMultipart(body("--b--"), "text/plain"), undefined);
  });
});
