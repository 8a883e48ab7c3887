import { Form } from '@remix-run/react'
import { z } from 'zod'
import { Button, Field, FormError, SelectField } from '#app/components/forms.tsx'
import { UNIT_KIND_LABELS, UNIT_KINDS, UnitKindSchema, UnitNameSchema } from '#app/admin/unit-kinds.ts'
import type { FormFailure } from '#app/utils/forms.ts'

export const UnitFormSchema = z.object({
	name: UnitNameSchema,
	kind: UnitKindSchema,
	parentId: z
		.string()
		.optional()
		.transform((value) => value || null),
})

export type UnitChoiceOption = { id: string; label: string }

export function UnitForm({
	defaults,
	parentChoices,
	failure,
	submitLabel,
	intent,
}: {
	defaults: { name: string; kind: string; parentId: string | null }
	parentChoices: UnitChoiceOption[]
	failure: FormFailure | null
	submitLabel: string
	intent?: string
}) {
	const errors = failure?.fieldErrors ?? {}
	const values = failure?.values
	return (
		<Form method="post" className="flex max-w-xl flex-col gap-4 rounded-lg border border-gray-200 bg-white p-6" noValidate>
			<FormError message={failure?.formError} />
			<Field label="单位名称" name="name" required maxLength={100} defaultValue={values?.name ?? defaults.name} errors={errors.name} />
			<SelectField
				label="类型"
				name="kind"
				defaultValue={values?.kind ?? defaults.kind}
				errors={errors.kind}
				options={UNIT_KINDS.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS[kind] }))}
			/>
			<SelectField
				label="上级单位"
				name="parentId"
				defaultValue={values?.parentId ?? defaults.parentId ?? ''}
				errors={errors.parentId}
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
