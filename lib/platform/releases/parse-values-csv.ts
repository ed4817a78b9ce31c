import { AppError } from "../../errors";

// Per-account ext_json values as a CSV: a header row whose first column is appid, then one row per account
// (RFC 4180: fields may be quoted, "" is a quote inside one, and quoted fields may hold commas and line breaks).

const parseRows = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"' && field === "") isQuoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (isQuoted) throw new AppError("bad_request", "The CSV has a quoted field that never ends.");
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ""));
};

/** appid → { column: value } from the CSV; 400 for a missing appid column, a short row, or an appid given twice. */
export const parseValuesCsv = (text: string): Map<string, Record<string, string>> => {
  const [header, ...rows] = parseRows(text.replace(/^\uFEFF/, ""));
  if (!header || header[0]?.trim() !== "appid")
    throw new AppError("bad_request", "The CSV's first row must name its columns, starting with appid.");
  const columns = header.map((name) => name.trim());
  const values = new Map<string, Record<string, string>>();
  rows.forEach((cells, index) => {
    if (cells.length !== columns.length)
      throw new AppError("bad_request", `CSV row ${index + 2} has ${cells.length} fields; the header has ${columns.length}.`);
    const appid = cells[0].trim();
    if (values.has(appid)) throw new AppError("bad_request", `CSV row ${index + 2}: ${appid} is listed twice.`);
    values.set(appid, Object.fromEntries(columns.slice(1).map((column, at) => [column, cells[at + 1]])));
  });
  return values;
};
