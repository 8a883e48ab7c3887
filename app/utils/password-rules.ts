// What a new password must be. Isomorphic: the form checks it as the person types, the
// server checks it again with the same schema.
import { z } from 'zod'

export const NewPasswordSchema = z
	.string({ error: '请输入新密码' })
	.min(8, '密码至少 8 位')
	.max(128, '密码最多 128 位')
	.refine((value) => /[A-Za-z]/.test(value) && /\d/.test(value), '密码需同时包含字母和数字')
