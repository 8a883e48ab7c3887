import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { z } from 'zod'
import { Button, ErrorList, Field, FormError, inputProps, SelectField } from '#app/components/forms.tsx'
import { PersonNameSchema, PhoneSchema, RoleListSchema, UsernameSchema } from '#app/admin/user-fields.ts'
import { ROLE_LABELS, ROLES, type Role } from '#app/utils/roles.ts'

const UnitIdSchema = z.string({ error: '请选择单位' }).min(1, '请选择单位')

export const UserEditSchema = z.object({
	name: PersonNameSchema,
	unitId: UnitIdSchema,
	roles: RoleListSchema,
	phone: PhoneSchema,
})

export const NewUserSchema = UserEditSchema.extend({ username: UsernameSchema })

export type UserFormDefaults = { username?: string; name: string; unitId: string; roles: Role[]; phone: string | null }

/** The person form on conform (ADR 070): the browser checks the server's own schema. */
export function UserForm({
	mode,
	defaults,
	unitChoices,
	lastResult,
	lockedAdminRole = false,
}: {
	mode: 'create' | 'edit'
	defaults: UserFormDefaults
	unitChoices: { id: string; label: string }[]
	lastResult: SubmissionResult | null | undefined
	/** The person editing themselves keeps the admin role; the box says so instead of failing later. */
	lockedAdminRole?: boolean
}) {
	// Both schemas read the same fields (the edit one has no 工号); typed by the fuller one.
	const schema = (mode === 'create' ? NewUserSchema : UserEditSchema) as typeof NewUserSchema
	const [form, fields] = useForm({
		id: mode === 'create' ? 'new-user' : 'edit-user',
		lastResult,
		defaultValue: { username: defaults.username ?? '', name: defaults.name, unitId: defaults.unitId, roles: defaults.roles, phone: defaults.phone ?? '' },
		constraint: getZodConstraint(schema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const checkedRoles = new Set(fields.roles.initialValue === undefined ? [] : [fields.roles.initialValue].flat())
	const rolesErrorId = `${form.id}-roles-error`
	return (
		<Form method="post" className="flex max-w-xl flex-col gap-4 rounded-lg border border-gray-200 bg-white p-6" {...getFormProps(form)}>
			<FormError message={form.errors?.[0]} />
			{mode === 'create' ? (
				<Field label="工号" autoComplete="off" errors={fields.username.errors} hint="用于登录，创建后不可修改。" {...inputProps(fields.username, { type: 'text' })} />
			) : null}
			<Field label="姓名" maxLength={50} errors={fields.name.errors} {...inputProps(fields.name, { type: 'text' })} />
			<SelectField
				label="单位"
				name={fields.unitId.name}
				defaultValue={fields.unitId.initialValue}
				errors={fields.unitId.errors}
				options={[{ value: '', label: '请选择单位' }, ...unitChoices.map((c) => ({ value: c.id, label: c.label }))]}
			/>
			<fieldset aria-describedby={fields.roles.errors?.length ? rolesErrorId : undefined}>
				<legend className="text-sm font-medium text-gray-800">角色（可多选）</legend>
				<div className="mt-1 flex flex-wrap gap-4">
					{ROLES.map((role) => (
						<label key={role} className="flex min-h-8 items-center gap-1.5 text-sm">
							{lockedAdminRole && role === 'admin' ? (
								<>
									{/* A disabled box is not submitted, so the kept role travels in a hidden field. */}
									<input type="checkbox" checked disabled readOnly />
									<input type="hidden" name={fields.roles.name} value="admin" />
								</>
							) : (
								<input type="checkbox" name={fields.roles.name} value={role} defaultChecked={checkedRoles.has(role)} />
							)}
							{ROLE_LABELS[role]}
						</label>
					))}
				</div>
				{lockedAdminRole ? <p className="mt-1 text-xs text-gray-600">不能取消自己的管理员身份。</p> : null}
				<ErrorList id={rolesErrorId} errors={fields.roles.errors} />
			</fieldset>
			<Field label="手机（选填）" inputMode="numeric" errors={fields.phone.errors} {...inputProps(fields.phone, { type: 'tel' })} />
			<div>
				<Button type="submit" name="intent" value="save">
					{mode === 'create' ? '创建用户' : '保存'}
				</Button>
			</div>
		</Form>
	)
}
