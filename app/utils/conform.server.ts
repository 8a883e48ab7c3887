// Turning a domain refusal into conform's reply (ADR 070): the message lands next to the field
// it names, or above the form; a record that vanished is a 404, not a form error.
import type { Submission } from '@conform-to/react'
import { data } from '@remix-run/node'

type DomainRefusal = { fieldErrors: Record<string, string[] | undefined>; formError?: string; notFound?: boolean }

export function refusalReply<Output>(submission: Submission<Output>, refusal: DomainRefusal, { hideFields }: { hideFields?: string[] } = {}) {
	if (refusal.notFound) throw data({ message: refusal.formError ?? '记录不存在或已被删除' }, { status: 404 })
	const fieldErrors = Object.fromEntries(Object.entries(refusal.fieldErrors).filter((entry): entry is [string, string[]] => Boolean(entry[1]?.length)))
	return data(submission.reply({ fieldErrors, formErrors: refusal.formError ? [refusal.formError] : undefined, hideFields }), { status: 400 })
}
