import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { CRYPT_ERROR, WechatCryptError } from "./errors";

// Entities are never expanded and DOCTYPEs are refused outright: no XXE, no billion laughs.
const parser = new XMLParser({
  ignoreAttributes: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  cdataPropName: false,
});

export type TXmlValue = string | TXmlObject | TXmlValue[];
export type TXmlObject = { [key: string]: TXmlValue };

/** Parses `<xml>…</xml>` into its children (strings, nested objects). Throws -40002 on anything else. */
export const parseXml = (xml: string): TXmlObject => {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new WechatCryptError(CRYPT_ERROR.parseXml, "XML with a DOCTYPE or ENTITY declaration is refused");
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml, true);
  } catch {
    throw new WechatCryptError(CRYPT_ERROR.parseXml, "body is not well-formed XML");
  }
  const root = (parsed as Record<string, unknown>)?.xml;
  if (!root || typeof root !== "object" || Array.isArray(root)) {
    throw new WechatCryptError(CRYPT_ERROR.parseXml, "body has no <xml> root element");
  }
  return root as TXmlObject;
};

/** A child element's text, or undefined when absent or not text. */
export const xmlText = (node: TXmlObject, key: string): string | undefined => {
  const value = node[key];
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) return "";
  return undefined;
};

const builder = new XMLBuilder({ cdataPropName: "__cdata", suppressEmptyNode: false });

/** Builds `<xml>` with every string value in CDATA and numbers bare, as WeChat writes its pushes. */
export const buildXml = (fields: Record<string, string | number | Record<string, string | number>>): string => {
  const wrap = (value: unknown): unknown => {
    if (typeof value === "number") return value;
    if (typeof value === "string") return { __cdata: value };
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, wrap(v)]));
  };
  return builder.build({ xml: wrap(fields) }) as string;
};
