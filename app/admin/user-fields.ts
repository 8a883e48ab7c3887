// Field rules for a person, shared by the admin forms and the spreadsheet import so the
// two can never disagree. Isomorphic.
import { z } from 'zod'
import { ROLE_BY_LABEL, ROLE_LABELS, ROLES, type Role } from '#app/utils/roles.ts'

export const USERNAME_RULE = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$/

export const UsernameSchema = z
	.string({ error: '请填写工号' })
	.transform((s) => s.trim())
	.pipe(
		z
			.string()
			.min(1, '请填写工号')
			.regex(USERNAME_RULE, '工号须为 2–32 位字母、数字或 _ . -，且以字母或数字开头'),
	)

export const PersonNameSchema = z
	.string({ error: '请填写姓名' })
	.transform((s) => s.trim())
	.pipe(z.string().min(1, '请填写姓名').max(50, '姓名不能超过 50 个字符'))

export type ParsedField<T> = { ok: true; value: T } | { ok: false; message: string }

const MOBILE_RULE = /^1[3-9]\d{9}$/

/** A mainland mobile number, with spaces, dashes and a +86 prefix tolerated; blank means none. */
export function parsePhone(raw: string | null | undefined): ParsedField<string | null> {
	const compact = (raw ?? '').replace(/[\s\-()（）]/g, '')
	if (compact === '') return { ok: true, value: null }
	const digits = compact.replace(/^(\+?86)(?=1\d{10}$)/, '')
	if (!MOBILE_RULE.test(digits)) return { ok: false, message: `手机号“${raw?.trim()}”格式不正确，应为 11 位手机号` }
	return { ok: true, value: digits }
}

export const PhoneSchema = z
	.string()
	.optional()
	.transform((value, ctx) => {
		const parsed = parsePhone(value)
		if (!parsed.ok) {
			ctx.addIssue({ code: 'custom', message: parsed.message })
			return z.NEVER
		}
		return parsed.value
	})

export const ROLE_CHOICES = ROLES.map((role) => ROLE_LABELS[role]).join('、')
const ROLE_LIST_SPLIT = /[、,，;；\s]+/

/** 角色 as written in a sheet: labels (or codes) separated by 、 , ， ; or spaces. */
export function parseRoleList(raw: string): ParsedField<Role[]> {
	const parts = raw.split(ROLE_LIST_SPLIT).filter(Boolean)
	if (parts.length === 0) return { ok: false, message: `请填写角色（${ROLE_CHOICES}）` }
	const roles = new Set<Role>()
	for (const part of parts) {
		const role = ROLE_BY_LABEL[part] ?? (ROLES as readonly string[]).find((code) => code === part)
		if (!role) return { ok: false, message: `角色“${part}”无法识别，可填：${ROLE_CHOICES}` }
		roles.add(role as Role)
	}
	return { ok: true, value: ROLES.filter((role) => roles.has(role)) }
}

export function roleLabels(roles: readonly string[]) {
	return roles.map((role) => ROLE_LABELS[role as Role] ?? role).join('、')
}

/** Roles from a form's checkboxes: at least one. */
export const RoleListSchema = z
	.union([z.string(), z.array(z.string())], { error: '请至少选择一个角色' })
	.transform((value) => (Array.isArray(value) ? value : [value]))
	.pipe(z.array(z.enum(ROLES, { error: '角色无效' })).min(1, '请至少选择一个角色'))
	.transform((roles) => ROLES.filter((role) => roles.includes(role)))
