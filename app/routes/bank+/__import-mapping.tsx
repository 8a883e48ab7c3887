// The import preview's mapping and defaults form (ADR 026, ADR 070): one select per file column
// (a bank column, 选项 in one cell, or 忽略此列) and the import-wide defaults. Any change previews
// the same file again with the new settings; the route parses them with the same schema.
import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Button, ErrorList, Field, inputProps, SelectField } from '#app/components/forms.tsx'
import { choiceLabel, COLUMN_CHOICES, DIFFICULTY_LEVELS, formatMappingProblem, type MappingProblem } from '#app/exams/import/column-mapping.ts'
import type { PreviewSummary } from '#app/exams/import/import-events.ts'
import { ImportSettingsSchema, settingsOf, type ImportSettings } from '#app/exams/import/import-settings.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'

const CHOICE_OPTIONS = COLUMN_CHOICES.map((choice) => ({ value: choice, label: choiceLabel(choice) }))
const TOPIC_OPTIONS = [{ value: '', label: '不设默认（文件中须有专题）' }, ...TOPICS.map((topic) => ({ value: topic, label: TOPIC_LABELS[topic] }))]
const DIFFICULTY_OPTIONS = [{ value: '', label: '不设默认（文件中须有难度）' }, ...DIFFICULTY_LEVELS.map((level) => ({ value: String(level.value), label: level.label }))]

function selectProps(field: Parameters<typeof getSelectProps>[0]) {
	const { key: _key, ...props } = getSelectProps(field)
	return props
}

export function MappingForm({ preview, onChange }: { preview: PreviewSummary; onChange: (settings: ImportSettings) => void }) {
	const [form, fields] = useForm({
		id: 'bank-import-mapping',
		defaultValue: {
			mapping: preview.mapping.map(({ header, column }) => ({ header, column })),
			defaultTopic: preview.defaults.topic ?? '',
			defaultDifficulty: preview.defaults.difficulty === undefined ? '' : String(preview.defaults.difficulty),
			defaultPoints: preview.defaults.points === undefined ? '' : String(preview.defaults.points),
		},
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportSettingsSchema }),
		shouldValidate: 'onInput',
		onSubmit(event, { submission }) {
			event.preventDefault()
			if (submission?.status === 'success') onChange(settingsOf(submission.value))
		},
	})
	const problemsOf = (test: (problem: MappingProblem) => boolean) => preview.mappingProblems.filter(test).map((problem) => problem.message)
	const general = preview.mappingProblems.filter((p) => p.header === null && (p.column === '题干' || p.column === '答案' || p.column === null))
	const submitOnChange = (event: React.ChangeEvent<HTMLSelectElement>) => event.currentTarget.form?.requestSubmit()
	const rows = fields.mapping.getFieldList()
	return (
		<form {...getFormProps(form)} className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-4" aria-labelledby="mapping-title">
			<div>
				<h3 id="mapping-title" className="font-semibold">
					列的对应
				</h3>
				<p className="mt-1 text-sm text-gray-600">系统已按表头自动对应。请核对每一列对应的题目字段；不需要的列选“忽略此列”。修改后预览会随之更新。</p>
			</div>
			{general.length ? <ErrorList errors={general.map(formatMappingProblem)} /> : null}
			<div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
				{rows.map((row, index) => {
					const entry = preview.mapping[index]
					const rowFields = row.getFieldset()
					const header = entry?.header ?? ''
					return (
						<div key={row.key} className="min-w-0">
							<input {...inputProps(rowFields.header, { type: 'hidden' })} />
							<SelectField
								{...selectProps(rowFields.column)}
								label={`“${header}”列`}
								hint={entry?.sample ? `第一行：${entry.sample}` : '第一行为空'}
								options={CHOICE_OPTIONS}
								onChange={submitOnChange}
								errors={[...(rowFields.column.errors ?? []), ...problemsOf((p) => p.header === header)]}
							/>
						</div>
					)
				})}
			</div>
			<fieldset className="flex flex-col gap-3 border-t border-gray-100 pt-3">
				<legend className="pt-3 font-semibold">默认值</legend>
				<p className="text-sm text-gray-600">文件中没有这一列、或这一格为空时使用；文件中填写的值优先。</p>
				<div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
					<SelectField
						{...selectProps(fields.defaultTopic)}
						label="默认专题"
						options={TOPIC_OPTIONS}
						onChange={submitOnChange}
						errors={[...(fields.defaultTopic.errors ?? []), ...problemsOf((p) => p.header === null && p.column === '专题')]}
					/>
					<SelectField
						{...selectProps(fields.defaultDifficulty)}
						label="默认难度"
						options={DIFFICULTY_OPTIONS}
						onChange={submitOnChange}
						errors={[...(fields.defaultDifficulty.errors ?? []), ...problemsOf((p) => p.header === null && p.column === '难度')]}
					/>
					<Field
						{...inputProps(fields.defaultPoints, { type: 'number' })}
						step="0.5"
						min="0.5"
						label="默认分值"
						hint="留空则文件中须有分值"
						errors={[...(fields.defaultPoints.errors ?? []), ...problemsOf((p) => p.header === null && p.column === '分值')]}
					/>
				</div>
			</fieldset>
			<div>
				<Button type="submit" variant="secondary">
					按以上设置更新预览
				</Button>
			</div>
		</form>
	)
}
