import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";

// The authorizer list at scale, over real HTTP on the real database (SQLite, or Postgres with TEST_DATABASE=postgres):
// the search narrowed by the trigram index (migration authorizer_search_at_a_million) finds exactly what the plain
// filter finds, the triggers keep the index in step, the page's count stops at 2,000 where no index answers, and
// the overview's counts are kept a while on a large platform.

const COMMON = 2100;
const hex = (index: number, width = 16) => index.toString(16).padStart(width, "0");

describe("[DIRECTORY] the authorizer list's search, sorts and counts", () => {
  let stack: TStack;
  let key: string;
  let cookie: string;

  const list = async (query: string) => {
    const response = await fetch(`${stack.app.url}/api/v1/authorizers?${query}`, { headers: { authorization: `Bearer ${key}` } });
    const body = (await response.json()) as { items: Array<{ appid: string; nickName: string }>; error?: { message: string } };
    assert.equal(response.status, 200, body.error?.message);
    return body.items;
  };
  /** The page's heading: "共 {count} 个". */
  const pageCount = async (query: string) => {
    const html = await (await fetch(`${stack.app.url}/authorizers?${query}`, { headers: { cookie } })).text();
    return /共 ([\d,+]+) 个/.exec(html)?.[1];
  };

  before(async () => {
    stack = await startStack();
    stack.shareEnvironment();
    const { createApiKey } = await import("../../lib/auth/api-keys");
    key = (await createApiKey({ name: "directory", role: "reader" })).key;
    await stack.ready();
    cookie = (await signIn(stack.app.url, TEST_ADMIN.email, TEST_ADMIN.password)).cookie;
    const { db } = stack.database;
    const soon = Date.now() + 3600_000;
    await db.authorizer.createMany({
      data: Array.from({ length: COMMON }, (_, index) => ({
        appid: `wx${hex(index)}`,
        kind: index % 2 ? "official_account" : "mini_program",
        nickName: `Common Shop ${index}`,
        principalName: `Common Trading ${index % 7}`,
        userName: `gh_${hex(index, 12)}`,
        accessTokenExpiresAt: new Date(soon + index * 1000),
      })),
    });
    await db.authorizer.createMany({
      data: [
        { appid: "wxfeed00c0ffee0001", nickName: "Rare Bakery", principalName: "Flour Ltd", accessTokenExpiresAt: new Date(soon) },
        { appid: "wxfeed00c0ffee0002", nickName: "Corner Books", principalName: "Rare 有限公司", accessTokenExpiresAt: new Date(soon) },
        { appid: "wxfeed00c0ffee0003", nickName: "Sale 100%_off", principalName: "Percent Co", accessTokenExpiresAt: null },
        { appid: "wxfeed00c0ffee0004", nickName: "Sale 100xyoff", principalName: "Lookalike Co", accessTokenExpiresAt: new Date(soon) },
      ],
    });
  });
  after(async () => stack?.stop());

  it("finds a rare name, a principal and an appid fragment through the index, exactly and in any ASCII case", async () => {
    const { db } = stack.database;
    const indexed = await db.$queryRawUnsafe<Array<{ count: bigint | number }>>(`SELECT count(*) AS count FROM "AuthorizerSearch"`);
    assert.equal(Number(indexed[0].count), COMMON + 4, "the insert trigger indexed every account");

    assert.deepEqual((await list("q=rare")).map((item) => item.appid).sort(), ["wxfeed00c0ffee0001", "wxfeed00c0ffee0002"]);
    assert.deepEqual(
      (await list("q=c0ffee0003")).map((item) => item.appid),
      ["wxfeed00c0ffee0003"],
      "an appid is found by a fragment from its middle",
    );
    assert.deepEqual(
      (await list(`q=${encodeURIComponent("100%_off")}`)).map((item) => item.appid),
      ["wxfeed00c0ffee0003"],
      "% and _ are literal: the lookalike is not found",
    );
    assert.deepEqual(await list("q=no-such-account"), []);
    assert.equal((await list(`q=${encodeURIComponent("Common Shop 20")}&limit=200`)).length, 1 + 10 + 100, "Shop 20, 200-209, 2000-2099");
  });

  it("keeps the index in step: a renamed account is found by its new name only, a deleted one not at all", async () => {
    const { db } = stack.database;
    await db.authorizer.updateMany({ where: { appid: "wxfeed00c0ffee0001" }, data: { nickName: "Hidden Patisserie" } });
    assert.deepEqual(await list("q=Rare Bakery"), []);
    assert.deepEqual(
      (await list("q=patisserie")).map((item) => item.appid),
      ["wxfeed00c0ffee0001"],
    );
    // A token refresh writes other columns: the search text stays as it is.
    await db.authorizer.updateMany({
      where: { appid: "wxfeed00c0ffee0001" },
      data: { accessTokenExpiresAt: new Date(Date.now() + 7200_000) },
    });
    assert.equal((await list("q=patisserie")).length, 1);
    await db.authorizer.deleteMany({ where: { appid: "wxfeed00c0ffee0002" } });
    assert.deepEqual(await list(`q=${encodeURIComponent("有限公司")}`), []);
    const indexed = await db.$queryRawUnsafe<Array<{ count: bigint | number }>>(`SELECT count(*) AS count FROM "AuthorizerSearch"`);
    assert.equal(Number(indexed[0].count), COMMON + 3);
  });

  it("counts exactly where an index answers and stops at 2,000 where none does", async () => {
    assert.equal(await pageCount(""), (COMMON + 3).toLocaleString("en-US"));
    assert.equal(await pageCount("q=patisserie"), "1", "narrowed by the index: exact");
    assert.equal(await pageCount("q=Common"), "2,000+", "the index found more than 2,000");
    // Shop 1, 10-19, 100-199, 1000-1999: more candidates than SQLite binds in one query (999), fewer than 2,000.
    assert.equal((await list(`q=${encodeURIComponent("Common Shop 1")}&limit=200`)).length, 200);
    assert.equal(await pageCount(`q=${encodeURIComponent("Common Shop 1")}`), "1,111", "between the two limits: counted exactly");
    assert.equal(await pageCount("q=Common&kind=mini_program"), "1,050", "capped count along the page's order, under the cap: exact");
    assert.equal(await pageCount("q=Co&status=authorized"), "2,000+", "two characters: no index, counted up to the cap");
    assert.equal(await pageCount("kind=official_account"), "1,053", "a kind is counted from its index");
  });

  it("sorts by expiry soonest first, an account without a token first, on either database", async () => {
    const items = await list("sort=expiry&limit=3");
    assert.equal(items[0].appid, "wxfeed00c0ffee0003", "no token: the most urgent");
    assert.deepEqual(
      items.slice(1).map((item) => item.appid),
      ["wx0000000000000000", "wxfeed00c0ffee0004"],
      "then the soonest expiry, ties by appid",
    );
  });

  it("keeps the overview's counts a while on a large platform, and reads them live on a small one", async () => {
    const { countAuthorizerTokens } = await import("../../lib/platform/monitoring/count-authorizer-tokens");
    const { db } = stack.database;
    const first = await countAuthorizerTokens(undefined, 1000);
    assert.equal(first.total, COMMON + 3);
    await db.authorizer.create({ data: { appid: "wxfeed00c0ffee0005", nickName: "Late Arrival" } });
    assert.equal((await countAuthorizerTokens(undefined, 1000)).total, COMMON + 3, "large: the figures just read are kept");
    assert.equal((await countAuthorizerTokens(new Date(), 1000)).total, COMMON + 4, "with a time given: live");
    assert.equal((await countAuthorizerTokens(undefined, 10_000)).total, COMMON + 4, "small: live");
  });
});
