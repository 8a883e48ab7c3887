// Admin: seasons (one a year), each created from the 3+1 template in one step.
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { Button, Field, FormError, inputProps } from '#app/components/forms.tsx'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { NewSeasonFormSchema } from '#app/exams/rounds/season-form.ts'
import { createSeasonFromTemplate, listSeasons } from '#app/exams/rounds/season.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction = () => [{ title: '技能比武赛季 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	return { seasons: await listSeasons(prisma), nextYear: new Date().getFullYear() }
}

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const submission = parseWithZod(await request.formData(), { schema: NewSeasonFormSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const created = await createSeasonFromTemplate(prisma, { year: submission.value.year, actorId: admin.id })
	if (!created.ok) return refusalReply(submission, { fieldErrors: { [created.field]: [created.message] } })
	throw await redirectWithToast(`/admin/seasons/${created.seasonId}`, { title: `${submission.value.year} 年度赛季已创建。`, description: '四轮均为草稿，请逐轮检查设置后发布。' })
}

const STATUS_LABELS: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' }

export default function SeasonsPage() {
	const { seasons, nextYear } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'new-season',
		lastResult,
		defaultValue: { year: String(nextYear) },
		constraint: getZodConstraint(NewSeasonFormSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: NewSeasonFormSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Page>
			<AdminNav />
			<PageHeader title="技能比武赛季" description="每年一个赛季，按“3+1”分四轮：财政、经责、固投三个专题轮次和一个综合轮次。" />
			<Form method="post" className="mb-8 flex flex-wrap items-start gap-3 rounded-lg border bg-white p-4" {...getFormProps(form)}>
				<FormError message={form.errors?.[0]} />
				<Field label="年度" inputMode="numeric" errors={fields.year.errors} className="w-40" {...inputProps(fields.year, { type: 'text' })} />
				<div className="pt-6">
					<Button type="submit" pendingLabel="正在创建…">
						按“3+1”模板创建赛季
					</Button>
				</div>
			</Form>
			{seasons.length === 0 ? (
				<p className="text-gray-600">还没有赛季。</p>
			) : (
				<ul className="flex flex-col gap-4">
					{seasons.map((season) => (
						<li key={season.id} className="rounded-lg border bg-white p-4">
							<h2 className="font-semibold">
								<Link to={`/admin/seasons/${season.id}`} className="hover:underline">
									{season.name}
								</Link>
							</h2>
							<ol className="mt-2 flex flex-col gap-1 text-sm">
								{season.rounds.map((round) => (
									<li key={round.id} className="flex flex-wrap gap-3">
										<Link to={`/admin/rounds/${round.id}`} className="text-brand-700 hover:underline">
											{round.title}
										</Link>
										<span className="text-gray-600">
											{formatChinaDateTime(new Date(round.opensAt))} – {formatChinaDateTime(new Date(round.closesAt))}
										</span>
										<span>{STATUS_LABELS[round.status] ?? round.status}</span>
									</li>
								))}
							</ol>
						</li>
					))}
				</ul>
			)}
		</Page>
	)
}
