"use client";

import { useEffect, useState } from "react";
import { Badge, type TTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/styles";
import type { TDictionary } from "@/lib/i18n/dictionaries";

// The JSON API's OpenAPI document (GET /api/v1/openapi.json, written from the routes' zod schemas) as a page: each
// operation with its method, path, role, parameters, body fields and error answers, grouped by tag.

type TSchema = {
  type?: string | string[];
  properties?: Record<string, TSchema>;
  required?: string[];
  description?: string;
  enum?: unknown[];
};
type TParameter = { name: string; in: string; required?: boolean; schema?: TSchema; description?: string };
type TOperation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: TParameter[];
  requestBody?: { content?: Record<string, { schema?: TSchema }> };
  responses?: Record<string, { description?: string }>;
  "x-wxopen-role"?: string;
};
type TDocument = {
  info: { title: string; description?: string };
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, TOperation>>;
};

const METHOD_TONES: Record<string, TTone> = { get: "blue", post: "green", patch: "amber", put: "amber", delete: "red" };
const ROLE_TONES: Record<string, TTone> = { reader: "slate", operator: "blue", admin: "amber" };

const typeOf = (schema?: TSchema) => (schema?.enum ? schema.enum.map(String).join(" | ") : [schema?.type ?? "any"].flat().join(" | "));

function Fields({ title, rows }: { title: string; rows: Array<{ name: string; type: string; required?: boolean; description?: string }> }) {
  if (rows.length === 0) return null;
  return (
    <div className="mt-2">
      <p className="text-xs font-medium text-slate-500">{title}</p>
      <ul className="mt-1 space-y-0.5 text-xs">
        {rows.map((row) => (
          <li key={row.name}>
            <code className="font-mono text-slate-800">{row.name}</code>
            {row.required && <span className="text-red-600">*</span>} <span className="text-slate-500">{row.type}</span>
            {row.description && <span className="text-slate-600"> · {row.description}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Operation({
  method,
  path,
  operation,
  t,
}: {
  method: string;
  path: string;
  operation: TOperation;
  t: TDictionary["apiReference"];
}) {
  const body = operation.requestBody?.content?.["application/json"]?.schema;
  const errors = Object.keys(operation.responses ?? {}).filter((status) => Number(status) >= 400);
  return (
    <li className="border-b border-slate-100 py-3 last:border-0" data-testid="api-operation">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={METHOD_TONES[method] ?? "slate"} className="font-mono uppercase">
          {method}
        </Badge>
        <code className="break-all font-mono text-sm text-slate-900">{path}</code>
        {operation["x-wxopen-role"] ? (
          <Badge tone={ROLE_TONES[operation["x-wxopen-role"]] ?? "slate"}>{`${t.role}: ${operation["x-wxopen-role"]}`}</Badge>
        ) : (
          <Badge>{t.noKey}</Badge>
        )}
      </div>
      {operation.summary && <p className="mt-1 text-sm text-slate-700">{operation.summary}</p>}
      <Fields
        title={t.parameters}
        rows={(operation.parameters ?? []).map((parameter) => ({
          name: `${parameter.name} (${parameter.in})`,
          type: typeOf(parameter.schema),
          required: parameter.required,
          description: parameter.description ?? parameter.schema?.description,
        }))}
      />
      <Fields
        title={t.body}
        rows={Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
          name,
          type: typeOf(schema),
          required: body?.required?.includes(name),
          description: schema.description,
        }))}
      />
      {errors.length > 0 && (
        <p className="mt-2 text-xs text-slate-500">
          {t.errors}: {errors.join(", ")}
        </p>
      )}
    </li>
  );
}

export function ApiReference({ t }: { t: TDictionary["apiReference"] }) {
  const [document, setDocument] = useState<TDocument | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch("/api/v1/openapi.json")
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then(setDocument)
      .catch(() => setFailed(true));
  }, []);
  if (failed) return <Card>{t.loadFailed}</Card>;
  if (!document)
    return (
      <Card>
        <p className="px-4 py-3 text-sm text-slate-500" role="status">
          {t.loading}
        </p>
      </Card>
    );
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  return (
    <div className="space-y-6">
      <p>
        <a className={buttonStyles.secondary} href="/api/v1/openapi.json" download="wxopen-openapi.json">
          {t.download}
        </a>
      </p>
      {(document.tags ?? []).map((tag) => {
        const inTag = operations.filter(({ operation }) => operation.tags?.includes(tag.name));
        if (inTag.length === 0) return null;
        return (
          <Card key={tag.name} id={`api-${tag.name}`} title={tag.name} description={tag.description}>
            <ul className="px-4 sm:px-5">
              {inTag.map(({ path, method, operation }) => (
                <Operation key={`${method} ${path}`} method={method} path={path} operation={operation} t={t} />
              ))}
            </ul>
          </Card>
        );
      })}
    </div>
  );
}
