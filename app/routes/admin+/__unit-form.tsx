import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { z } from 'zod'
import { Button, Field, FormError, inputProps, SelectField } from '#app/components/forms.tsx'
import { UNIT_KIND_LABELS, UNIT_KINDS, UnitKindSchema, UnitNameSchema } from '#app/admin/unit-kinds.ts'

export const UnitFormSchema = z.object({
	name: UnitNameSchema,
	kind: UnitKindSchema,
	parentId: z
		.string()
		.optional()
		.transform((value) => value || null),
})

export type UnitChoiceOption = { id: string; label: string }

/** The unit form on conform (ADR 070): the same schema checks it in the browser and on the server. */
export function UnitForm({
	id,
	defaults,
	parentChoices,
	lastResult,
	submitLabel,
	intent,
}: {
	id: string
	defaults: { name: string; kind: string; parentId: string | null }
	parentChoices: UnitChoiceOption[]
	lastResult: SubmissionResult | null | undefined
	submitLabel: string
	intent?: string
}) {
	const [form, fields] = useForm({
		id,
		lastResult,
		defaultValue: { name: defaults.name, kind: defaults.kind, parentId: defaults.parentId ?? '' },
		constraint: getZodConstraint(UnitFormSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: UnitFormSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Form method="post" className="flex max-w-xl flex-col gap-4 rounded-lg border border-gray-200 bg-white p-6" {...getFormProps(form)}>
			<FormError message={form.errors?.[0]} />
			<Field label="单位名称" maxLength={100} errors={fields.name.errors} {...inputProps(fields.name, { type: 'text' })} />
			<SelectField
				label="类型"
				name={fields.kind.name}
				defaultValue={fields.kind.initialValue}
				errors={fields.kind.errors}
				options={UNIT_KINDS.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS[kind] }))}
			/>
			<SelectField
				label="上级单位"
				name={fields.parentId.name}
				defaultValue={fields.parentId.initialValue ?? ''}
				errors={fields.parentId.errors}
				hint="省 → 市 → 区 → 单位；留空则为顶级单位。"
				options={[{ value: '', label: '（无，顶级单位）' }, ...parentChoices.map((c) => ({ value: c.id, label: c.label }))]}
			/>
			<div>
				<Button type="submit" name="intent" value={intent ?? 'save'}>
					{submitLabel}
				</Button>
			</div>
		</Form>
	)
}
