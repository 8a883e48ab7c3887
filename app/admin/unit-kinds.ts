// The kinds of unit in the province → city → district → unit tree. Isomorphic: forms,
// imports and the tree share one list and one set of Chinese labels.
import { z } from 'zod'

export const UNIT_KINDS = ['bureau', 'department', 'subdistrict', 'soe', 'community', 'other'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
	bureau: '审计机关',
	department: '部门',
	subdistrict: '街道',
	soe: '国企',
	community: '村社',
	other: '其他',
}

const KIND_BY_TEXT = new Map<string, UnitKind>(UNIT_KINDS.flatMap((kind) => [[kind, kind] as const, [UNIT_KIND_LABELS[kind], kind] as const]))

/** Accepts the code (`soe`) or the Chinese label (`国企`), as people filling a sheet use the label. */
export function unitKindFrom(text: string): UnitKind | null {
	return KIND_BY_TEXT.get(text.trim()) ?? null
}

export const UNIT_KIND_CHOICES = UNIT_KINDS.map((kind) => UNIT_KIND_LABELS[kind]).join('、')

export const UnitKindSchema = z.string({ error: '请选择单位类型' }).transform((value, ctx) => {
	const kind = unitKindFrom(value)
	if (!kind) {
		ctx.addIssue({ code: 'custom', message: `单位类型应为：${UNIT_KIND_CHOICES}` })
		return z.NEVER
	}
	return kind
})

export const UNIT_PATH_SEPARATOR = '/'
/** Separators accepted when a person writes a unit path such as 区审计局/城关街道. */
export const UNIT_PATH_SPLIT = /\s*[/／>＞]\s*/

export const UnitNameSchema = z
	.string({ error: '请填写单位名称' })
	.transform((s) => s.trim())
	.pipe(
		z
			.string()
			.min(1, '请填写单位名称')
			.max(100, '单位名称不能超过 100 个字符')
			.refine((name) => !UNIT_PATH_SPLIT.test(name), '单位名称不能包含 / 或 >（它们用来书写上级路径）'),
	)
