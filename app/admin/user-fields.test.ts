import { describe, expect, test } from 'vitest'
import { parsePhone, parseRoleList, RoleListSchema, UsernameSchema } from './user-fields.ts'

describe('user fields', () => {
	test('phones: blank is none; +86, spaces and dashes are tolerated; others are refused', () => {
		expect(parsePhone('')).toEqual({ ok: true, value: null })
		expect(parsePhone(undefined)).toEqual({ ok: true, value: null })
		expect(parsePhone('139 1234-5678')).toEqual({ ok: true, value: '13912345678' })
		expect(parsePhone('+86 13912345678')).toEqual({ ok: true, value: '13912345678' })
		expect(parsePhone('1391234567')).toMatchObject({ ok: false, message: '手机号“1391234567”格式不正确，应为 11 位手机号' })
		expect(parsePhone('12912345678').ok).toBe(false)
	})

	test('roles: Chinese labels in any of the separators, deduplicated, in canonical order', () => {
		expect(parseRoleList('导师、学员')).toEqual({ ok: true, value: ['learner', 'mentor'] })
		expect(parseRoleList('学员,讲师，管理员')).toEqual({ ok: true, value: ['learner', 'lecturer', 'admin'] })
		expect(parseRoleList('学员、学员')).toEqual({ ok: true, value: ['learner'] })
		expect(parseRoleList('')).toMatchObject({ ok: false, message: '请填写角色（学员、导师、讲师、管理员）' })
		expect(parseRoleList('学员、校长')).toMatchObject({ ok: false, message: '角色“校长”无法识别，可填：学员、导师、讲师、管理员' })
	})

	test('form roles need at least one known role', () => {
		expect(RoleListSchema.parse(['mentor', 'learner'])).toEqual(['learner', 'mentor'])
		expect(RoleListSchema.parse('admin')).toEqual(['admin'])
		expect(RoleListSchema.safeParse(undefined).error?.issues[0]?.message).toBe('请至少选择一个角色')
		expect(RoleListSchema.safeParse(['boss']).success).toBe(false)
	})

	test('工号 is trimmed and limited to letters, digits and _ . -', () => {
		expect(UsernameSchema.parse(' a1024 ')).toBe('a1024')
		expect(UsernameSchema.safeParse('张三').success).toBe(false)
		expect(UsernameSchema.safeParse('').error?.issues[0]?.message).toBe('请填写工号')
	})
})
