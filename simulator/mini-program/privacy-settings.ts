import type { TCodeVersion, TMiniProgramSlots, TPrivacySetting } from "./code-types";

// The mini program's privacy guide (setprivacysetting / getprivacysetting, §11.5): ver 2 edits the draft, which joins
// the next audit and goes live with its release; ver 1 edits the live guide's owner_setting at once.

const CONTACT_FIELDS = ["contact_email", "contact_phone", "contact_qq", "contact_weixin"];

/** The official privacy keys and what the guide says of each (privacy_desc_list). */
const PRIVACY_DESCRIPTIONS: Record<string, string> = {
  UserInfo: "用户信息（微信昵称、头像）",
  Location: "位置信息",
  Address: "地址",
  PhoneNumber: "手机号码",
  Album: "选中的照片或视频信息",
  AlbumWriteOnly: "相册（仅写入）权限",
  Camera: "摄像头",
  Record: "麦克风",
  Contact: "通讯录（仅写入）权限",
  DeviceInfo: "设备信息",
  EXIDNumber: "身份证号码",
  MessageFile: "选中的文件",
  ChooseLocation: "选择的位置信息",
};

/** The location APIs ext_json declares (requiredPrivateInfos) and the privacy key the scan finds for each. */
const LOCATION_KEYS: Record<string, string> = {
  getLocation: "Location",
  getFuzzyLocation: "Location",
  onLocationChange: "Location",
  startLocationUpdate: "Location",
  chooseLocation: "ChooseLocation",
  chooseAddress: "Address",
};

/** What the privacy scan found in the committed code: the user's profile always, the declared location APIs too. */
const detectedKeys = (trial: TCodeVersion | undefined) => {
  if (!trial) return [];
  let declared: unknown;
  try {
    declared = (JSON.parse(trial.extJson) as { requiredPrivateInfos?: unknown }).requiredPrivateInfos;
  } catch {
    declared = undefined;
  }
  const found = (Array.isArray(declared) ? declared : []).map((api) => LOCATION_KEYS[String(api)]).filter(Boolean);
  return [...new Set(["UserInfo", ...found])];
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isFilled = (value: unknown) => typeof value === "string" && value.trim() !== "";

/** setprivacysetting: 86071 bad privacy_ver, 86069 no contact or no notice_method, 86074 ver 1 without a live guide. */
export const setPrivacySetting = (slots: TMiniProgramSlots, body: Record<string, unknown>, now: number): number => {
  const version = body.privacy_ver ?? 2;
  if (version !== 1 && version !== 2) return 86071;
  const owner = body.owner_setting;
  if (!isObject(owner) || !CONTACT_FIELDS.some((field) => isFilled(owner[field])) || !isFilled(owner.notice_method)) return 86069;
  if (version === 1) {
    // The live guide's owner_setting changes at once; setting_list belongs to ver 2 only, the custom guide file stays.
    if (body.setting_list !== undefined) return 47001;
    const live = slots.privacy.live;
    if (!live) return 86074;
    const { ext_file_media_id: _ignored, ...rest } = owner;
    live.ownerSetting = {
      ...rest,
      ...(live.ownerSetting.ext_file_media_id ? { ext_file_media_id: live.ownerSetting.ext_file_media_id } : {}),
    };
    live.updateTime = now;
    return 0;
  }
  if (!Array.isArray(body.setting_list) || !body.setting_list.every(isObject)) return 47001;
  const sdkList = Array.isArray(body.sdk_privacy_info_list) ? body.sdk_privacy_info_list : [];
  slots.privacy.draft = {
    ownerSetting: structuredClone(owner),
    settingList: structuredClone(body.setting_list),
    sdkPrivacyInfoList: structuredClone(sdkList),
    updateTime: now,
  };
  return 0;
};

/** getprivacysetting's answer for ver 1 (live) or 2 (the draft, else the live guide it started from). */
export const privacySettingJson = (slots: TMiniProgramSlots, version: 1 | 2) => {
  const setting: TPrivacySetting | undefined = version === 1 ? slots.privacy.live : (slots.privacy.draft ?? slots.privacy.live);
  return {
    code_exist: slots.trial ? 1 : 0,
    privacy_list: detectedKeys(slots.trial),
    setting_list: structuredClone(setting?.settingList ?? []),
    update_time: setting?.updateTime ?? 0,
    owner_setting: structuredClone(setting?.ownerSetting ?? {}),
    privacy_desc: {
      privacy_desc_list: Object.entries(PRIVACY_DESCRIPTIONS).map(([key, desc]) => ({ privacy_key: key, privacy_desc: desc })),
    },
  };
};
