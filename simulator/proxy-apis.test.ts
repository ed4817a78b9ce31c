import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it, type TestContext } from "node:test";
import { inflateSync } from "node:zlib";
import { SEED_ACCOUNTS } from "./accounts";
import { startHarness, TEST_CREDENTIALS } from "./test-support";

const { componentAppid, componentAppsecret } = TEST_CREDENTIALS;
const [coffee, books, , bamboo] = SEED_ACCOUNTS;

/** The APIs wxopen's proxy forwards (ANY /api/v1/authorizers/{appid}/wechat/{path}), called as the proxy would. */
const setup = async (t: TestContext) => {
  const { simulator, api, componentToken } = await startHarness(t);
  const componentAccessToken = await componentToken();
  const authorize = async (appid: string) => {
    const { authCode } = simulator.authorizeProgrammatically({ appid, shouldPush: false });
    const auth = await api(
      "api_query_auth",
      { component_appid: componentAppid, authorization_code: authCode },
      { access_token: componentAccessToken },
    );
    return auth.authorization_info as { authorizer_access_token: string; authorizer_refresh_token: string };
  };
  const request = (path: string, query: Record<string, string>, init: RequestInit = { method: "POST" }) =>
    fetch(`${simulator.url}${path}?${new URLSearchParams(query)}`, init);
  const json = async (path: string, query: Record<string, string>, body?: unknown, method = "POST") => {
    const response = await request(path, query, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    return (await response.json()) as Record<string, any>;
  };
  const upload = (token: string, type: string, bytes: Buffer, part = { name: "media", filename: "photo.jpg", type: "image/jpeg" }) => {
    const form = new FormData();
    form.append(part.name, new Blob([new Uint8Array(bytes)], { type: part.type }), part.filename);
    return request("/cgi-bin/media/upload", { access_token: token, type }, { method: "POST", body: form }).then(
      async (response) => (await response.json()) as Record<string, any>,
    );
  };
  return { simulator, api, componentAccessToken, authorize, request, json, upload };
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let bit = 0; bit < 8; bit += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** The chunks of a PNG, each checked against its CRC. */
const pngChunks = (png: Buffer) => {
  const chunks: { type: string; data: Buffer }[] = [];
  for (let offset = PNG_SIGNATURE.length; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    assert.equal(png.readUInt32BE(offset + 8 + length), crc32(typeAndData), "chunk CRC");
    chunks.push({ type: typeAndData.toString("ascii", 0, 4), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  return chunks;
};

describe("[SIMULATOR][PROXY APIS] the account APIs wxopen proxies, answered like WeChat", () => {
  it("serves menu/get by GET and POST, checking the token like every API", async (t) => {
    const { simulator, api, componentAccessToken, authorize, json } = await setup(t);
    const auth = await authorize(coffee.appid);
    const token = auth.authorizer_access_token;
    const menu = await json("/cgi-bin/menu/get", { access_token: token }, undefined, "GET");
    assert.equal(menu.errcode, undefined);
    assert.ok(menu.menu.button.length >= 1);
    assert.deepEqual(await json("/cgi-bin/menu/get", { access_token: token }), menu, "POST answers the same");
    assert.equal((await json("/cgi-bin/menu/get", {}, undefined, "GET")).errcode, 41001);
    assert.equal((await json("/cgi-bin/menu/get", { access_token: componentAccessToken }, undefined, "GET")).errcode, 61015);
    const bambooToken = (await authorize(bamboo.appid)).authorizer_access_token;
    assert.equal(
      (await json("/cgi-bin/menu/get", { access_token: bambooToken }, undefined, "GET")).errcode,
      48001,
      "mini programs have no menu",
    );
    const [logged] = simulator.calls({ api: "menu/get" });
    assert.deepEqual(
      { path: logged.path, method: logged.method, token: logged.query.access_token, errcode: logged.errcode },
      {
        path: "/cgi-bin/menu/get",
        method: "GET",
        token,
        errcode: 0,
      },
    );

    // A refresh retires the old token after the 300 s overlap (40001); the new one expires after 7200 s (42001).
    const refreshed = await api(
      "api_authorizer_token",
      { component_appid: componentAppid, authorizer_appid: coffee.appid, authorizer_refresh_token: auth.authorizer_refresh_token },
      { component_access_token: componentAccessToken },
    );
    simulator.advanceClock(301);
    assert.equal((await json("/cgi-bin/menu/get", { access_token: token }, undefined, "GET")).errcode, 40001);
    assert.ok((await json("/cgi-bin/menu/get", { access_token: refreshed.authorizer_access_token }, undefined, "GET")).menu);
    simulator.advanceClock(7200);
    assert.equal((await json("/cgi-bin/menu/get", { access_token: refreshed.authorizer_access_token }, undefined, "GET")).errcode, 42001);
  });

  it("stores a multipart upload byte for byte and gives it back to the same account only", async (t) => {
    const { simulator, authorize, request, json, upload } = await setup(t);
    const token = (await authorize(coffee.appid)).authorizer_access_token;
    const otherToken = (await authorize(books.appid)).authorizer_access_token;
    const bytes = randomBytes(300 * 1024);
    const uploaded = await upload(token, "image", bytes);
    assert.equal(uploaded.type, "image");
    assert.equal(typeof uploaded.media_id, "string");
    assert.equal(uploaded.created_at, Math.floor(simulator.now().getTime() / 1000));

    const response = await request("/cgi-bin/media/get", { access_token: token, media_id: uploaded.media_id }, { method: "GET" });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/jpeg");
    assert.equal(response.headers.get("content-disposition"), 'attachment; filename="photo.jpg"');
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(bytes), "the same bytes");
    assert.equal(
      (await json("/cgi-bin/media/get", { access_token: otherToken, media_id: uploaded.media_id }, undefined, "GET")).errcode,
      40007,
    );
    assert.equal((await json("/cgi-bin/media/get", { access_token: token, media_id: "made-up" }, undefined, "GET")).errcode, 40007);

    const [logged] = simulator.calls({ api: "media/upload" });
    assert.equal(logged.query.access_token, token);
    const { multipart, bytes: loggedBytes, ...rest } = logged.body as Record<string, unknown>;
    assert.deepEqual({ multipart, rest }, { multipart: true, rest: {} }, "the log keeps the size, not the bytes");
    assert.ok(Number(loggedBytes) > bytes.length, "the size of the whole multipart body");
    assert.equal(simulator.calls({ api: "media/get" }).at(0)?.errcode, 0);
  });

  it("refuses uploads WeChat refuses: type, missing part, size, method", async (t) => {
    const { authorize, json, upload } = await setup(t);
    const token = (await authorize(coffee.appid)).authorizer_access_token;
    const small = randomBytes(1024);
    assert.equal((await upload(token, "sticker", small)).errcode, 40004);
    assert.equal((await upload(token, "", small)).errcode, 40004);
    assert.equal((await upload(token, "image", small, { name: "file", filename: "a.jpg", type: "image/jpeg" })).errcode, 41005);
    assert.equal((await json("/cgi-bin/media/upload", { access_token: token, type: "image" }, { media: "not a file" })).errcode, 41005);
    assert.equal((await upload(token, "thumb", randomBytes(64 * 1024 + 1))).errcode, 40006, "thumbnails stop at 64 KB");
    assert.equal((await upload(token, "image", randomBytes(10 * 1024 * 1024 + 1))).errcode, 40006);
    assert.equal((await upload(token, "video", randomBytes(10 * 1024 * 1024 + 100 * 1024))).errcode, 40006, "past the body cap");
    assert.equal((await json("/cgi-bin/media/upload", { access_token: token, type: "image" }, undefined, "GET")).errcode, 43002);
    const thumb = await upload(token, "thumb", small, { name: "media", filename: "t.jpg", type: "image/jpeg" });
    assert.equal(typeof thumb.thumb_media_id, "string", "WeChat names a thumbnail's id thumb_media_id");
  });

  it("draws a valid PNG for getwxacodeunlimit and answers its errors as JSON", async (t) => {
    const { authorize, request, json } = await setup(t);
    const token = (await authorize(bamboo.appid)).authorizer_access_token;
    const response = await request(
      "/wxa/getwxacodeunlimit",
      { access_token: token },
      { method: "POST", body: JSON.stringify({ scene: "id=42", width: 300 }) },
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/png");
    const png = Buffer.from(await response.arrayBuffer());
    assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE));
    const chunks = pngChunks(png);
    const header = chunks[0];
    assert.equal(header.type, "IHDR");
    const [width, height] = [header.data.readUInt32BE(0), header.data.readUInt32BE(4)];
    assert.equal(width, 300);
    const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[header.data[9]] ?? 0;
    const pixels = inflateSync(Buffer.concat(chunks.filter((chunk) => chunk.type === "IDAT").map((chunk) => chunk.data)));
    assert.equal(pixels.length, height * (1 + width * channels), "one filter byte plus the pixels of each row");
    assert.equal(chunks.at(-1)?.type, "IEND");

    assert.equal((await json("/wxa/getwxacodeunlimit", { access_token: token }, { page: "pages/index/index" })).errcode, 40169);
    assert.equal((await json("/wxa/getwxacodeunlimit", { access_token: token }, { scene: "x".repeat(33) })).errcode, 40169);
    assert.equal((await json("/wxa/getwxacodeunlimit", { access_token: token }, { scene: "a", page: "/pages/index" })).errcode, 41030);
    const coffeeToken = (await authorize(coffee.appid)).authorizer_access_token;
    assert.equal(
      (await json("/wxa/getwxacodeunlimit", { access_token: coffeeToken }, { scene: "a" })).errcode,
      48001,
      "not a mini program",
    );
  });

  it("lists the platform's templates for the component token only", async (t) => {
    const { simulator, componentAccessToken, authorize, json } = await setup(t);
    const list = await json("/wxa/gettemplatelist", { access_token: componentAccessToken }, undefined, "GET");
    assert.equal(list.errcode, 0);
    assert.ok(list.template_list.length >= 2);
    for (const field of ["create_time", "user_version", "user_desc", "template_id", "draft_id", "template_type"]) {
      assert.ok(field in list.template_list[0], field);
    }
    assert.deepEqual(await json("/wxa/gettemplatelist", { access_token: componentAccessToken }, undefined, "GET"), list, "deterministic");
    const token = (await authorize(bamboo.appid)).authorizer_access_token;
    assert.equal((await json("/wxa/gettemplatelist", { access_token: token }, undefined, "GET")).errcode, 61014);
    assert.equal(simulator.calls({ api: "wxa/gettemplatelist" }).length, 3);
  });

  it("counts quota per account, answers openapi/quota/get for it, and resets it with clear_quota", async (t) => {
    const { simulator, api, componentAccessToken, authorize, json } = await setup(t);
    const tokenA = (await authorize(coffee.appid)).authorizer_access_token;
    const tokenB = (await authorize(books.appid)).authorizer_access_token;
    const menuOf = (token: string) => json("/cgi-bin/menu/get", { access_token: token }, undefined, "GET");
    const quotaOf = async (token: string, cgiPath: unknown) =>
      json("/cgi-bin/openapi/quota/get", { access_token: token }, { cgi_path: cgiPath });
    for (let made = 0; made < 3; made += 1) await menuOf(tokenA);
    assert.deepEqual(await quotaOf(tokenA, "/cgi-bin/menu/get"), {
      errcode: 0,
      errmsg: "ok",
      quota: { daily_limit: 2000, used: 3, remain: 1997 },
    });
    assert.equal((await quotaOf(tokenB, "/cgi-bin/menu/get")).quota.used, 0, "A's calls are not B's");
    const component = await quotaOf(componentAccessToken, "/cgi-bin/component/api_query_auth");
    assert.equal(component.quota.used, 2, "the platform's own calls count against the platform");
    assert.equal((await quotaOf(tokenA, "/cgi-bin/component/api_query_auth")).errcode, 76022);
    assert.equal((await quotaOf(componentAccessToken, "/cgi-bin/menu/get")).errcode, 76022);
    for (const bad of [
      undefined,
      "cgi-bin/menu/get",
      "https://api.weixin.qq.com/cgi-bin/menu/get",
      "//api.weixin.qq.com/cgi-bin/menu/get",
    ]) {
      assert.equal((await quotaOf(tokenA, bad)).errcode, 76003, String(bad));
    }
    assert.equal((await quotaOf(tokenA, "/cgi-bin/menu/nothing")).errcode, 76021);

    simulator.setConfig({ dailyQuota: 3 });
    assert.equal((await menuOf(tokenA)).errcode, 45009);
    assert.ok((await menuOf(tokenB)).menu, "B has its own quota");
    const clearA = (appid: string) => json("/cgi-bin/clear_quota", { access_token: tokenA }, { appid });
    assert.equal((await clearA(books.appid)).errcode, 40013, "an account's token clears that account only");
    assert.equal((await json("/cgi-bin/clear_quota", { access_token: tokenA }, {})).errcode, 41002);
    assert.deepEqual(await clearA(coffee.appid), { errcode: 0, errmsg: "ok" });
    assert.ok((await menuOf(tokenA)).menu);
    assert.equal((await quotaOf(tokenA, "/cgi-bin/menu/get")).quota.used, 1);
    assert.equal((await quotaOf(tokenB, "/cgi-bin/menu/get")).quota.used, 1, "B's counters stay");
    assert.deepEqual(simulator.state().quotaUsageToday[coffee.appid], { "menu/get": 1 });

    // 10 resets a month per account, shared with clear_quota/v2.
    const v2 = await api("clear_quota/v2", { component_appid: componentAppid, appsecret: componentAppsecret, appid: coffee.appid });
    assert.equal(v2.errcode, 0);
    for (let used = 2; used < 10; used += 1) assert.equal((await clearA(coffee.appid)).errcode, 0);
    assert.equal((await clearA(coffee.appid)).errcode, 48006);
    assert.equal((await json("/cgi-bin/clear_quota", { access_token: tokenB }, { appid: books.appid })).errcode, 0);
    assert.equal(simulator.calls({ api: "clear_quota" }).at(-1)?.query.access_token, tokenB);
    assert.equal(simulator.calls({ api: "openapi/quota/get" }).at(0)?.errcode, 0);
  });

  it("applies faults to the new APIs like to the others", async (t) => {
    const { simulator, authorize, request, json, upload } = await setup(t);
    const token = (await authorize(coffee.appid)).authorizer_access_token;
    simulator.addFault({ api: "menu/get", mode: "errcode", errcode: 40001 });
    assert.equal((await json("/cgi-bin/menu/get", { access_token: token }, undefined, "GET")).errcode, 40001);
    assert.ok((await json("/cgi-bin/menu/get", { access_token: token }, undefined, "GET")).menu, "one call only");
    simulator.addFault({ api: "media/upload", mode: "http", status: 503 });
    const refused = await request("/cgi-bin/media/upload", { access_token: token, type: "image" }, { method: "POST", body: "x" });
    assert.equal(refused.status, 503);
    simulator.addFault({ api: "wxa/gettemplatelist", mode: "drop" });
    await assert.rejects(request("/wxa/gettemplatelist", { access_token: token }, { method: "GET" }));
    assert.equal((await upload(token, "image", randomBytes(10))).type, "image");
  });
});
