import { WECHAT_OK, wechatError } from "../errors";
import { grayRelease, release, revertGrayRelease, revertRelease } from "../mini-program/release-state";
import { codeApi } from "./code-api";

// Publishing (§11.2.5): release, rollback and gray release, authorizer token of a mini program with set 18.

const answer = (errcode: number) => (errcode === 0 ? { ...WECHAT_OK } : wechatError(errcode));

// POST /wxa/release {} - the last passed audit goes online
export const releaseCode = codeApi({ handle: ({ context, slots }) => answer(release(context, slots)) });

// GET /wxa/revertcoderelease[?app_version=] - back to the previous (or the named) version;
// ?action=get_history_version lists the versions it can go back to
export const revertCodeRelease = codeApi({
  methods: ["GET"],
  handle: ({ slots, query }) => {
    if (query.get("action") === "get_history_version") {
      const versionList = [...slots.history].reverse().map((version) => ({
        app_version: version.appVersion,
        user_version: version.userVersion,
        user_desc: version.userDesc,
        commit_time: version.commitTime,
      }));
      return { ...WECHAT_OK, version_list: versionList };
    }
    return answer(revertRelease(slots, query.get("app_version")));
  },
});

// POST /wxa/grayrelease {gray_percentage} - the passed version to a share of users, raised step by step
export const grayReleaseCode = codeApi({
  handle: ({ context, body, slots }) =>
    answer(
      grayRelease(context, slots, {
        percentage: body.gray_percentage,
        supportDebugerFirst: body.support_debuger_first === true,
        supportExperiencerFirst: body.support_experiencer_first === true,
      }),
    ),
});

// GET /wxa/getgrayreleaseplan - the current plan (status 0 with nothing planned)
export const getGrayReleasePlan = codeApi({
  methods: ["GET"],
  handle: ({ slots }) => {
    const plan = slots.gray;
    return {
      ...WECHAT_OK,
      gray_release_plan: {
        status: plan?.status ?? 0,
        create_timestamp: plan?.createTimestamp ?? 0,
        gray_percentage: plan?.grayPercentage ?? 0,
        support_experiencer_first: plan?.supportExperiencerFirst ?? false,
        support_debuger_first: plan?.supportDebugerFirst ?? false,
      },
    };
  },
});

// GET /wxa/revertgrayrelease - cancels the gray release (⚠ §11.7 names no error: with no plan running it is a no-op)
export const revertGrayReleaseCode = codeApi({
  methods: ["GET"],
  handle: ({ slots }) => {
    revertGrayRelease(slots);
    return { ...WECHAT_OK };
  },
});
