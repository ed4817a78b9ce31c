import { Field } from "../ui/field";
import { inputStyles } from "../ui/styles";

export type TTemplateChoice = { templateId: number; userVersion: string; userDesc: string };

/** The template library as a choice (posted as templateId): "id · version · description". */
export function TemplateSelect({ id, label, templates }: { id: string; label: string; templates: TTemplateChoice[] }) {
  return (
    <Field id={id} label={label}>
      <select id={id} name="templateId" className={inputStyles}>
        {templates.map((template) => (
          <option key={template.templateId} value={template.templateId}>
            {template.templateId} · {template.userVersion} · {template.userDesc}
          </option>
        ))}
      </select>
    </Field>
  );
}
