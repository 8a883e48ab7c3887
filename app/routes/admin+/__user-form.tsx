import { Form } from '@remix-run/react'
import { z } from 'zod'
import { Button, ErrorList, Field, FormError, SelectField } from '#app/components/forms.tsx'
import { PersonNameSchema, PhoneSchema, RoleListSchema, UsernameSchema } from '#app/admin/user-fields.ts'
import type { FormFailure } from '#app/utils/forms.ts'
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

export function UserForm({
	mode,
	defaults,
	unitChoices,
	failure,
	lockedAdminRole = false,
}: {
	mode: 'create' | 'edit'
	defaults: UserFormDefaults
	unitChoices: { id: string; label: string }[]
	failure: FormFailure | null
	/** The person editing themselves keeps the admin role; the box says so instead of failing later. */
	lockedAdminRole?: boolean
}) {
	const errors = failure?.fieldErrors ?? {}
	const values = failure?.values
	const checkedRoles = values ? (values.roles ?? '').split(',') : defaults.roles
	return (
		<Form method="post" className="flex max-w-xl flex-col gap-4 rounded-lg border border-gray-200 bg-white p-6" noValidate>
			<FormError message={failure?.formError} />
			{mode === 'create' ? (
				<Field label="工号" name="username" required autoComplete="off" defaultValue={values?.username ?? ''} errors={errors.username} hint="用于登录，创建后不可修改。" />
			) : null}
			<Field label="姓名" name="name" required maxLength={50} defaultValue={values?.name ?? defaults.name} errors={errors.name} />
			<SelectField
				label="单位"
				name="unitId"
				defaultValue={values?.unitId ?? defaults.unitId}
				errors={errors.unitId}
				options={[{ value: '', label: '请选择单位' }, ...unitChoices.map((c) => ({ value: c.id, label: c.label }))]}
			/>
			<fieldset aria-describedby={errors.roles?.length ? 'roles-error' : undefined}>
				<legend className="text-sm font-medium text-gray-800">角色（可多选）</legend>
				<div className="mt-1 flex flex-wrap gap-4">
					{ROLES.map((role) => (
						<label key={role} className="flex items-center gap-1.5 text-sm">
							{lockedAdminRole && role === 'admin' ? (
								<>
									{/* A disabled box is not submitted, so the kept role travels in a hidden field. */}
									<input type="checkbox" checked disabled readOnly />
									<input type="hidden" name="roles" value="admin" />
								</>
							) : (
								<input type="checkbox" name="roles" value={role} defaultChecked={checkedRoles.includes(role)} />
							)}
							{ROLE_LABELS[role]}
						</label>
					))}
				</div>
				{lockedAdminRole ? <p className="mt-1 text-xs text-gray-500">不能取消自己的管理员身份。</p> : null}
				<ErrorList id="roles-error" errors={errors.roles} />
			</fieldset>
			<Field label="手机（选填）" name="phone" type="tel" inputMode="numeric" defaultValue={values?.phone ?? defaults.phone ?? ''} errors={errors.phone} />
			<div>
				<Button type="submit" name="intent" value="save">
					{mode === 'create' ? '创建用户' : '保存'}
				</Button>
			</div>
		</Form>
	)
}
