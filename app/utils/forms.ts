// One way to turn form input into validated data or field errors, used by every action.
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

/** Values to refill the form with, passwords left out. */
function echoValues(formData: FormData) {
	const values: Record<string, string> = {}
	for (const [key, value] of formData) {
		if (typeof value === 'string' && !/password/i.test(key)) values[key] = value
	}
	return values
}

export function parseFormData<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.output<S>> {
	const raw: Record<string, unknown> = {}
	for (const key of new Set(formData.keys())) {
		const all = formData.getAll(key).filter((v): v is string => typeof v === 'string')
		raw[key] = key.endsWith('[]') ? all : all.length > 1 ? all : all[0]
	}
	const result = schema.safeParse(raw)
	if (result.success) return { ok: true, data: result.data }
	const fieldErrors = fieldErrorsFrom(result.error)
	return { ok: false, fieldErrors, formError: fieldErrors._form?.[0], values: echoValues(formData) }
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
