// The import page's mapping and defaults form (ADR 070, ADR 026): one zod schema the page checks
// with conform and the import route parses again from the upload's fields. Isomorphic.
import { z } from 'zod'
import { MAX_POINTS } from '#app/exams/bank/question-types.ts'
import { TOPICS } from '#app/utils/topics.ts'
import { COLUMN_CHOICES, type ColumnMapping, type ImportDefaults } from './column-mapping.ts'

export const ImportSettingsFields = {
	mapping: z
		.array(
			z.object({
				header: z.string({ error: '列名缺失，请重新上传文件' }).max(200, { error: '列名过长' }),
				column: z.enum(COLUMN_CHOICES, { error: '请从列表中选择这一列对应的字段，或选择“忽略此列”' }),
			}),
		)
		.max(200, { error: '列数过多' })
		.optional(),
	defaultTopic: z.enum(TOPICS, { error: '请选择列表中的专题' }).optional(),
	defaultDifficulty: z.number({ error: '难度须为 1–5 的整数' }).int({ error: '难度须为 1–5 的整数' }).min(1, { error: '难度须为 1–5 的整数' }).max(5, { error: '难度须为 1–5 的整数' }).optional(),
	defaultPoints: z
		.number({ error: '分值须为数字' })
		.positive({ error: '分值须大于 0' })
		.max(MAX_POINTS, { error: `分值不能超过 ${MAX_POINTS}` })
		.optional(),
}
export const ImportSettingsSchema = z.object(ImportSettingsFields)
export type ImportSettingsValue = z.infer<typeof ImportSettingsSchema>
export type ImportSettings = { mapping?: ColumnMapping; defaults?: ImportDefaults }

export function settingsOf(value: ImportSettingsValue): ImportSettings {
	return {
		mapping: value.mapping,
		defaults: { topic: value.defaultTopic, difficulty: value.defaultDifficulty, points: value.defaultPoints },
	}
}

/** Writes the settings as the form's own field names, so the route parses them with the same schema. */
export function appendSettings(form: FormData, settings: ImportSettings) {
	settings.mapping?.forEach(({ header, column }, index) => {
		form.append(`mapping[${index}].header`, header)
		form.append(`mapping[${index}].column`, column)
	})
	const { topic, difficulty, points } = settings.defaults ?? {}
	if (topic) form.append('defaultTopic', topic)
	if (difficulty !== undefined) form.append('defaultDifficulty', String(difficulty))
	if (points !== undefined) form.append('defaultPoints', String(points))
}
