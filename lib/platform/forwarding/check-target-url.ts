import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "../../errors";

// A rule's target may be any host an operator names, internal services included (loopback and private addresses
// are allowed), but never the link-local range or a cloud metadata address: those hand out credentials to whoever
// can make the server ask. Checked when a rule is saved and again at every connection (DNS can change).

const FORBIDDEN_V4: Array<[number, number]> = [
  [0xa9fe0000, 16], // 169.254.0.0/16 link-local, incl. 169.254.169.254 (AWS, GCP, Azure, Tencent Cloud metadata)
  [0x64646400 | 200, 32], // 100.100.100.200 Alibaba Cloud metadata
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0xe0000000, 4], // 224.0.0.0/4 multicast
  [0xffffffff, 32], // broadcast
];

const v4ToNumber = (address: string) => address.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);

const isForbiddenV4 = (address: string) => {
  const value = v4ToNumber(address);
  return FORBIDDEN_V4.some(([network, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(network / 2 ** (32 - bits)));
};

/** Whether an IP address must never be connected to (link-local, metadata, multicast), in either family. */
export const isForbiddenAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 4) return isForbiddenV4(address);
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4-mapped (::ffff:169.254.169.254, which URL parsing writes as ::ffff:a9fe:a9fe) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isForbiddenV4(mapped[1]);
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mappedHex) {
    const [high, low] = [parseInt(mappedHex[1], 16), parseInt(mappedHex[2], 16)];
    return isForbiddenV4([high >> 8, high & 255, low >> 8, low & 255].join("."));
  }
  if (/^fe[89ab][0-9a-f]:/.test(lower)) return true; // fe80::/10 link-local
  if (/^ff/.test(lower)) return true; // multicast
  return lower === "fd00:ec2::254" || lower === "::"; // AWS IPv6 metadata, unspecified
};

const refuse = (message: string) => new AppError("bad_request", message);

/** Parses a rule's URL: http or https, no credentials, a host that does not resolve to a forbidden address. */
export const checkTargetUrl = async (value: string): Promise<URL> => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse(`"${value.slice(0, 200)}" is not a URL: give the receiver's full address, e.g. https://crm.internal/wechat`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw refuse("the URL must start with http:// or https://");
  if (url.username || url.password) throw refuse("the URL must not carry a user name or password: the signature authenticates wxopen");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((entry) => entry.address),
        () => [],
      );
  if (addresses.length === 0) throw refuse(`${host} does not resolve: check the host name`);
  const forbidden = addresses.find(isForbiddenAddress);
  if (forbidden) throw refuse(`${host} resolves to ${forbidden}, a link-local or cloud-metadata address: wxopen never sends there`);
  return url;
};
