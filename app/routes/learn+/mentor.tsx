import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, Field, FormError, inputProps, TextareaField } from '#app/components/forms.tsx'
import { AssignmentList, CheckInList, ProjectList, ReflectionList, Section } from '#app/components/mentorship/records.tsx'
import { myMentorship } from '#app/mentorship/apprentice-view.ts'
import { chinaDayOf, chinaMonthOf } from '#app/mentorship/dates.ts'
import { addProjectEntry, saveReflection } from '#app/mentorship/journal.ts'
import { RATING_LABELS } from '#app/mentorship/labels.ts'
import { AcknowledgeSchema, ProjectEntrySchema, ReflectionSchema } from '#app/mentorship/record-form.ts'
import { acknowledgeTerm } from '#app/mentorship/term.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { ProjectForm, type TaggedResult, useSchemaForm } from '#app/components/mentorship/record-forms.tsx'
import { FlagList } from '#app/components/mentorship/pairing-status.tsx'
import { LearnNav } from '#app/components/learn-section.tsx'

export const meta: MetaFunction = () => [{ title: '我的导师 · 红审学堂' }]

/** An apprentice sees their own mentor and records, nobody else's. */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/learn')
	return { mine: await myMentorship(prisma, user.id), thisMonth: chinaMonthOf(new Date()) }
}

const IntentSchema = z.enum(['reflection', 'project', 'acknowledge'])

/** conform's reply (ADR 070), refusals next to their field or above the form, tagged with the form it answers. */
function replyFor(form: string, submission: Parameters<typeof refusalReply>[0], refusal?: { fieldErrors: Record<string, string[]>; formError?: string }) {
	const reply = refusal ? refusalReply(submission, refusal) : data(submission.reply(), { status: 400 })
	return data({ ...reply.data, form }, reply.init ?? { status: 400 })
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/learn')
	const mine = await prisma.pairing.findFirst({ where: { apprenticeId: user.id }, orderBy: [{ startsOn: 'desc' }, { createdAt: 'desc' }], select: { id: true, status: true } })
	const active = await prisma.pairing.findUnique({ where: { activeApprenticeId: user.id }, select: { id: true } })
	const formData = await request.formData()
	const intent = IntentSchema.safeParse(formData.get('intent'))
	if (!intent.success) throw data({ message: '未知的操作' }, { status: 400 })
	if (intent.data === 'acknowledge') {
		if (!mine) throw data({ message: '您目前没有结对记录。' }, { status: 404 })
		const submission = parseWithZod(formData, { schema: AcknowledgeSchema })
		if (submission.status !== 'success') return replyFor('acknowledge', submission)
		const ok = await acknowledgeTerm(prisma, { pairingId: mine.id, apprenticeId: user.id, note: submission.value.apprenticeNote })
		if (!ok) return replyFor('acknowledge', submission, { fieldErrors: {}, formError: '没有待确认的结业评价' })
		throw await redirectWithToast('/learn/mentor', { title: '已确认结业评价。' })
	}
	// Reflections and projects belong to the current pairing; an ended one is read-only.
	if (!active) throw data({ message: '您目前没有在带导师，记录只读。' }, { status: 403 })
	if (intent.data === 'reflection') {
		const submission = parseWithZod(formData, { schema: ReflectionSchema })
		if (submission.status !== 'success') return replyFor('reflection', submission)
		const saved = await saveReflection(prisma, { pairingId: active.id, input: submission.value })
		if (!saved.ok) return replyFor('reflection', submission, { fieldErrors: { [saved.field]: [saved.message] } })
		throw await redirectWithToast('/learn/mentor', { title: '已保存本月学习心得。' })
	}
	const submission = parseWithZod(formData, { schema: ProjectEntrySchema })
	if (submission.status !== 'success') return replyFor('project', submission)
	await addProjectEntry(prisma, { pairingId: active.id, apprenticeId: user.id, authorId: user.id, input: submission.value })
	throw await redirectWithToast('/learn/mentor', { title: '已添加项目记录。' })
}

export default function MyMentorPage() {
	const { mine, thisMonth } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const resultFor = (form: string) => (result?.form === form ? result : undefined)
	if (!mine) {
		return (
			<Page>
				<PageHeader title="我的导师" />
				<LearnNav />
				<p className="rounded border border-dashed bg-white p-8 text-center text-gray-600">您目前没有结对导师。导师带徒结对由管理员设置。</p>
			</Page>
		)
	}
	const { pairing, evaluation } = mine
	const active = pairing.status === 'active'
	const reflection = mine.reflections.find((r) => r.month === thisMonth)
	return (
		<Page>
			<PageHeader
				title="我的导师"
				description={`导师 ${pairing.mentor.name}（${pairing.mentor.unitName}）· 结对期 ${chinaDayOf(new Date(pairing.startsOn))} 至 ${chinaDayOf(new Date(pairing.endsOn))}`}
				actions={
					<Link to={`/mentorship/${pairing.id}/report`} className="text-sm text-brand-700 hover:underline">
						结业报告
					</Link>
				}
			/>
			<LearnNav />
			{!active ? (
				<p role="status" className="mb-4 rounded border border-gray-300 bg-gray-50 px-4 py-2 text-sm text-gray-700">
					该结对已结束，以下记录只读。
				</p>
			) : null}
			<Section id="goals" title="结对目标">
				<p className="text-sm">
					<span className="text-gray-500">业务目标：</span>
					{pairing.businessGoals || '（未填写）'}
				</p>
				<p className="mt-1 text-sm">
					<span className="text-gray-500">党建目标：</span>
					{pairing.partyGoals || '（未填写）'}
				</p>
				<div className="mt-3">
					<FlagList flags={pairing.flags} />
				</div>
			</Section>
			{evaluation ? (
				<Section id="evaluation" title="结业评价">
					<div className="space-y-1 text-sm">
						<p>业务目标：{RATING_LABELS[evaluation.businessRating]}{evaluation.businessComment ? `。${evaluation.businessComment}` : ''}</p>
						<p>党建目标：{RATING_LABELS[evaluation.partyRating]}{evaluation.partyComment ? `。${evaluation.partyComment}` : ''}</p>
						<p className="whitespace-pre-wrap">总体评语：{evaluation.comments}</p>
					</div>
					{evaluation.acknowledgedAt ? (
						<p className="mt-2 text-sm text-green-700">您已于 {chinaDayOf(new Date(evaluation.acknowledgedAt))} 确认。</p>
					) : (
						<AcknowledgeForm lastResult={resultFor('acknowledge')} />
					)}
				</Section>
			) : null}
			<Section id="assigned" title="指定学习">
				<AssignmentList items={mine.assignments} empty="导师还没有布置指定学习。" />
			</Section>
			<Section id="check-ins" title="每月一学">
				<CheckInList items={mine.checkIns} />
				<h3 className="mb-1 mt-4 font-medium">我的学习心得</h3>
				<ReflectionList items={mine.reflections} />
				{active ? (
					<ReflectionForm key={reflection?.content ?? 'new'} thisMonth={thisMonth} content={reflection?.content} lastResult={resultFor('reflection')} />
				) : null}
			</Section>
			<Section id="projects" title="项目压担子">
				<ProjectList items={mine.projects} />
				{active ? <ProjectForm key={mine.projects.length} lastResult={resultFor('project')} title="记录参与的审计项目" /> : null}
			</Section>
		</Page>
	)
}

function AcknowledgeForm({ lastResult }: { lastResult: TaggedResult | undefined }) {
	const [form, fields] = useSchemaForm('acknowledge', AcknowledgeSchema, lastResult)
	return (
		<Form method="post" className="mt-3 flex flex-col gap-2" aria-label="确认结业评价" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="acknowledge" />
			<FormError message={form.errors?.[0]} />
			<Field label="我的意见（选填）" errors={fields.apprenticeNote.errors} {...inputProps(fields.apprenticeNote, { type: 'text' })} />
			<div>
				<Button type="submit">确认已阅</Button>
			</div>
		</Form>
	)
}

function ReflectionForm({ thisMonth, content, lastResult }: { thisMonth: string; content: string | undefined; lastResult: TaggedResult | undefined }) {
	const [form, fields] = useSchemaForm('reflection', ReflectionSchema, lastResult, { month: thisMonth, content })
	return (
		<Form method="post" className="mt-4 flex flex-col gap-3 border-t border-gray-100 pt-4" aria-label="本月学习心得" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="reflection" />
			<FormError message={form.errors?.[0]} />
			<Field label="月份" errors={fields.month.errors} {...inputProps(fields.month, { type: 'month' })} />
			<TextareaField
				label="本月学习心得"
				name={fields.content.name}
				rows={4}
				defaultValue={typeof fields.content.initialValue === 'string' ? fields.content.initialValue : undefined}
				errors={fields.content.errors}
				required
				maxLength={4000}
				hint="每月一篇，再次保存会替换同月的心得"
			/>
			<div>
				<Button type="submit">保存心得</Button>
			</div>
		</Form>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
