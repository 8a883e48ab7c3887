import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { getInputProps } from '@conform-to/react'
import { useNavigation } from '@remix-run/react'
import { cn } from '#app/utils/misc.ts'

export function ErrorList({ id, errors }: { id?: string; errors?: (string | null | undefined)[] | null }) {
	const shown = errors?.filter(Boolean)
	if (!shown?.length) return null
	// The alert role sits on a wrapper: on the <ul> itself it would take the list's role from its items (axe: listitem).
	return (
		<div id={id} role="alert">
			<ul className="mt-1 space-y-0.5 text-sm text-red-700">
				{shown.map((error) => (
					<li key={error}>{error}</li>
				))}
			</ul>
		</div>
	)
}

type FieldProps = {
	label: ReactNode
	errors?: string[] | null
	hint?: ReactNode
	className?: string
}

const CONTROL_CLASS =
	'rounded border border-gray-300 px-3 py-2 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid]:border-red-600'

/** Label, hint and errors around one control, wired with aria-invalid / aria-describedby. */
function FieldFrame({
	label,
	errors,
	hint,
	className,
	id: givenId,
	control,
}: FieldProps & { id?: string; control: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
	const fallbackId = useId()
	const id = givenId ?? fallbackId
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div className={cn('flex min-w-0 flex-col gap-1', className)}>
			<label htmlFor={id} className="text-sm font-medium text-gray-800">
				{label}
			</label>
			{control({ id, 'aria-invalid': errorId ? true : undefined, 'aria-describedby': errorId })}
			{hint ? <p className="text-xs text-gray-500">{hint}</p> : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function Field({ label, errors, hint, className, ...inputProps }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
	return (
		<FieldFrame
			label={label}
			errors={errors}
			hint={hint}
			className={className}
			id={inputProps.id}
			control={(aria) => <input className={CONTROL_CLASS} {...inputProps} {...aria} />}
		/>
	)
}

export function TextareaField({ label, errors, hint, className, ...props }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
	return (
		<FieldFrame
			label={label}
			errors={errors}
			hint={hint}
			className={className}
			id={props.id}
			control={(aria) => <textarea className={CONTROL_CLASS} {...props} {...aria} />}
		/>
	)
}

export function SelectField({
	label,
	errors,
	hint,
	className,
	options,
	...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
	return (
		<FieldFrame
			label={label}
			errors={errors}
			hint={hint}
			className={className}
			id={props.id}
			control={(aria) => (
				<select className={cn(CONTROL_CLASS, 'w-full min-w-0 bg-white')} {...props} {...aria}>
					{options.map((o) => (
						<option key={o.value} value={o.value}>
							{o.label}
						</option>
					))}
				</select>
			)}
		/>
	)
}

const buttonStyles = {
	primary: 'bg-brand-700 text-white hover:bg-brand-800 disabled:bg-gray-400',
	secondary: 'border border-gray-300 bg-white text-gray-800 hover:bg-gray-50 disabled:text-gray-400',
	danger: 'bg-red-600 text-white hover:bg-red-700 disabled:bg-gray-400',
	link: 'text-brand-700 underline-offset-2 hover:underline',
} as const

export function buttonClass(variant: keyof typeof buttonStyles = 'primary', className?: string) {
	return cn(
		'inline-flex items-center justify-center gap-1 rounded px-4 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1',
		variant === 'link' ? 'px-0 py-0' : '',
		buttonStyles[variant],
		className,
	)
}

export function Button({
	variant = 'primary',
	className,
	pendingLabel,
	...props
}: { variant?: keyof typeof buttonStyles; pendingLabel?: string } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
	const navigation = useNavigation()
	const pending = pendingLabel && navigation.state === 'submitting' && navigation.formData?.get('intent') === props.value
	return (
		<button className={buttonClass(variant, className)} disabled={props.disabled || Boolean(pending)} {...props}>
			{pending ? pendingLabel : props.children}
		</button>
	)
}

export function FormError({ message }: { message?: string | null }) {
	if (!message) return null
	return (
		<p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
			{message}
		</p>
	)
}

/**
 * A conform field's input attributes without React's `key` (spreading a key into JSX is
 * refused by React), for `<Field {...inputProps(fields.name, { type: 'text' })} />` (ADR 070).
 */
export function inputProps(...args: Parameters<typeof getInputProps>) {
	const { key: _key, ...props } = getInputProps(...args)
	return props
}
