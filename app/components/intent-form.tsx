// A form that is only buttons carrying an `intent` (publish, deactivate, mark read …), on conform
// like every other form (ADR 070): the action answers a refusal with `submission.reply(...)`,
// shown above the buttons, and success with a redirect and a toast.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { FormError } from './forms.tsx'

/**
 * The action's reply if it answers the form whose submitted fields include `match` (a page with
 * several forms gets one reply; each form shows only its own), else undefined.
 */
export function replyFor(lastResult: unknown, match: Record<string, string>): SubmissionResult | undefined {
	if (!lastResult || typeof lastResult !== 'object' || !('initialValue' in lastResult)) return undefined
	const initial = (lastResult as SubmissionResult).initialValue as Record<string, unknown> | null | undefined
	if (!initial) return undefined
	return Object.entries(match).every(([name, value]) => initial[name] === value) ? (lastResult as SubmissionResult) : undefined
}

export function IntentForm({
	id,
	lastResult,
	confirm,
	className,
	label,
	children,
}: {
	/** Unique on the page. */
	id: string
	lastResult?: SubmissionResult | null
	/** Asked with window.confirm before posting. */
	confirm?: string
	className?: string
	label?: string
	children: ReactNode
}) {
	const [form] = useForm({
		id,
		lastResult,
		onSubmit: confirm
			? (event) => {
					if (!window.confirm(confirm)) event.preventDefault()
				}
			: undefined,
	})
	return (
		<Form method="post" className={className} aria-label={label} {...getFormProps(form)}>
			<FormError message={form.errors?.[0]} />
			{children}
		</Form>
	)
}
