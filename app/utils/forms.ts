// The domain's refusal shape ({ ok: false, fieldErrors }), which actions turn into conform's
// reply with refusalReply (app/utils/conform.server.ts, ADR 070); forms themselves parse with conform.
import { z } from 'zod'

export type FieldErrors = Record<string, string[] | undefined>
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string; values?: Record<string, string> }
export type FormResult<T> = { ok: true; data: T } | FormFailure

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
	const fieldErrors: FieldErrors = {}
	for (const issue of error.issues) {
		const key = issue.path.length ? issue.path.join('.') : '_form'
		;(fieldErrors[key] ??= []).push(issue.message)
	}
	return fieldErrors
}

export function formFailure(fieldErrors: FieldErrors, formError?: string): FormFailure {
	return { ok: false, fieldErrors, formError }
}

/** Trimmed text; empty input counts as missing with the given message. */
export const requiredText = (message: string, max = 200) =>
	z
		.string({ error: message })
		.transform((s) => s.trim())
		.pipe(z.string().min(1, message).max(max, `不能超过 ${max} 个字符`))

export const optionalText = (max = 2000) =>
	z
		.string()
		.optional()
		.transform((s) => (s?.trim() ? s.trim() : undefined))
		.pipe(z.string().max(max, `不能超过 ${max} 个字符`).optional())

export const checkbox = () =>
	z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true')
