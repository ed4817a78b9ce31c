// ext_json as a template (import-free: the commit form's preview uses it too). {{appid}}, {{nickName}},
// {{principalName}} and any per-account value (a CSV column, an API field) are filled in JSON-escaped, so a merchant's
// name with a quote in it cannot break or inject into the JSON.

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The placeholders a template uses, each once. */
export const extJsonPlaceholders = (template: string) => [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];

/** The template with every placeholder that has a value filled in (others are left as written). */
export const fillExtJson = (template: string, values: Record<string, string>) =>
  template.replace(PLACEHOLDER, (match, name: string) => (Object.hasOwn(values, name) ? JSON.stringify(values[name]).slice(1, -1) : match));
