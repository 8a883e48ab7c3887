// Admin forms keep what the person typed when the server refuses it.
import { data } from '@remix-run/node'
import type { Refusal } from '#app/admin/actor.ts'
import type { FormFailure } from '#app/utils/forms.ts'

/** Every submitted text field; repeated fields (role checkboxes) joined with commas. */
export function echoFormValues(formData: FormData) {
	const values: Record<string, string> = {}
	for (const key of new Set(formData.keys())) {
		if (/password/i.test(key)) continue
		values[key] = formData
			.getAll(key)
			.filter((v): v is string => typeof v === 'string')
			.join(',')
	}
	return values
}

/** A 400 carrying field errors and the submitted values; a vanished record is a 404. */
export function refusalResponse(failure: Refusal | FormFailure, formData: FormData) {
	if ('notFound' in failure && failure.notFound) throw data({ message: failure.formError }, { status: 404 })
	const body: FormFailure = { ok: false, fieldErrors: failure.fieldErrors, formError: failure.formError, values: echoFormValues(formData) }
	return data(body, { status: 400 })
}
