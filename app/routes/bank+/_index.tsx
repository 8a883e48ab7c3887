import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { DataTable, FilterActions } from '#app/components/data-table.tsx'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass, Field, FormError, SelectField } from '#app/components/forms.tsx'
import { setQuestionStatus } from '#app/exams/bank/questions.ts'
import { QUESTION_STATUS_LABELS, QUESTION_STATUSES, QUESTION_TYPE_LABELS, QUESTION_TYPES, QuestionStatusSchema } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'
import { listBankTags, listQuestions, parseQuestionFilter } from '#app/exams/bank/search.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { Pagination } from '#app/components/pagination.tsx'
import { BankNav } from '#app/components/bank-nav.tsx'
import { StatusBadge } from './__bank-parts.tsx'

export const meta: MetaFunction = () => [{ title: '题库 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/bank')
	const url = new URL(request.url)
	const filter = parseQuestionFilter(url.searchParams)
	const [result, tags] = await Promise.all([listQuestions(prisma, filter), listBankTags(prisma)])
	return { ...result, tags, filter: { ...filter, difficulty: filter.difficulty ? String(filter.difficulty) : '' } }
}

/** The list's one POST form: set the ticked questions' status (the button pressed carries it). */
export const StatusChangeSchema = z.object({
	status: QuestionStatusSchema,
	questionId: z.array(z.string().min(1), { error: '请先勾选题目' }).min(1, { error: '请先勾选题目' }).max(500),
})

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/bank')
	const submission = parseWithZod(await request.formData(), { schema: StatusChangeSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const { status, questionId: questionIds } = submission.value
	await setQuestionStatus(prisma, { status, questionIds, actorId: user.id })
	throw await redirectWithToast(`/bank${new URL(request.url).search}`, { title: `已将 ${questionIds.length} 道题目设为${QUESTION_STATUS_LABELS[status]}。` })
}

const ALL = { value: '', label: '全部' }

const EXPORT_LABELS = { xlsx: 'Excel', csv: 'CSV', moodle_xml: 'Moodle XML', gift: 'GIFT' } as const

export default function BankPage() {
	const { items, total, page, pageCount, tags, filter } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const [statusForm, statusFields] = useForm({
		id: 'bank-status',
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusChangeSchema }),
	})
	const statusErrors = [...(statusForm.errors ?? []), ...(statusFields.questionId.errors ?? []), ...(statusFields.status.errors ?? [])]
	const exportFilter = Object.entries(filter).filter(([key, value]) => !['page', 'pageSize'].includes(key) && value !== undefined && value !== '' && value !== false)
	return (
		<Page wide>
			<PageHeader
				title="题库"
				description="单选、多选、判断、填空、简答和案例分析题。已被作答的题目修改后保存为新版本，已交卷的试卷保持原版本。"
				actions={
					<>
						<Link to="/bank/new" className={buttonClass('primary')}>
							新建题目
						</Link>
						<Link to="/bank/import" className={buttonClass('secondary')}>
							批量导入
						</Link>
						{(['xlsx', 'csv', 'moodle_xml', 'gift'] as const).map((format) => (
							<Form key={format} method="post" action="/bank/export" reloadDocument>
								{exportFilter.map(([key, value]) => (
									<input key={key} type="hidden" name={key} value={String(value)} />
								))}
								<input type="hidden" name="format" value={format} />
								<button type="submit" className={buttonClass('secondary')}>
									导出 {EXPORT_LABELS[format]}
								</button>
							</Form>
						))}
					</>
				}
			/>
			<BankNav />
			<Form method="get" role="search" aria-label="筛选题目" className="mb-4 grid gap-3 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-8">
				<Field label="题干关键词" name="q" defaultValue={filter.q ?? ''} className="lg:col-span-2" />
				<SelectField label="专题" name="topic" defaultValue={filter.topic ?? ''} options={[ALL, ...TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))]} />
				<SelectField label="题型" name="type" defaultValue={filter.type ?? ''} options={[ALL, ...QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))]} />
				<SelectField label="难度" name="difficulty" defaultValue={filter.difficulty} options={[ALL, ...[1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: String(d) }))]} />
				<SelectField label="状态" name="status" defaultValue={filter.status ?? ''} options={[ALL, ...QUESTION_STATUSES.map((s) => ({ value: s, label: QUESTION_STATUS_LABELS[s] }))]} />
				<SelectField label="标签" name="tag" defaultValue={filter.tag ?? ''} options={[ALL, ...tags.map((t) => ({ value: t, label: t }))]} />
				<div className="flex flex-col justify-end gap-2">
					<label className="flex items-center gap-2 text-sm">
						<input type="checkbox" name="flagged" value="1" defaultChecked={filter.flagged} />
						只看待复核
					</label>
					<FilterActions clearTo="/bank" />
				</div>
			</Form>
			<Form method="post" aria-label="批量设置状态" {...getFormProps(statusForm)}>
				<div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
					<span className="text-gray-600">将勾选的题目设为：</span>
					{QUESTION_STATUSES.map((status) => (
						<button key={status} type="submit" name="status" value={status} className={buttonClass('secondary', 'px-3 py-1')}>
							{QUESTION_STATUS_LABELS[status]}
						</button>
					))}
				</div>
				<FormError message={statusErrors[0]} />
				<DataTable
					label="题目列表"
					columns={[{ label: <span className="sr-only">选择</span>, className: 'w-8' }, '题干', '题型', '专题', '难度', '分值', '状态', '版本']}
					rowCount={items.length}
					emptyMessage="没有符合条件的题目。"
				>
					{items.map((item) => (
						<tr key={item.id}>
							<td className="px-3 py-2 align-top">
								<input type="checkbox" name="questionId" value={item.id} aria-label={`选择：${item.stem.slice(0, 20)}`} />
							</td>
							<td className="max-w-xl px-3 py-2">
								<Link to={`/bank/${item.id}`} className="text-brand-700 hover:underline">
									{item.stem}
								</Link>
								<div className="mt-1 flex flex-wrap gap-1">
									{item.flagged ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">待复核：法规已失效</span> : null}
									{item.tags.map((tag) => (
										<span key={tag} className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">
											{tag}
										</span>
									))}
								</div>
							</td>
							<td className="whitespace-nowrap px-3 py-2">{QUESTION_TYPE_LABELS[item.type]}</td>
							<td className="whitespace-nowrap px-3 py-2">{TOPIC_LABELS[item.topic]}</td>
							<td className="px-3 py-2">{item.difficulty}</td>
							<td className="px-3 py-2">{item.points}</td>
							<td className="px-3 py-2">
								<StatusBadge status={item.status} />
							</td>
							<td className="px-3 py-2">第 {item.versionNo} 版</td>
						</tr>
					))}
				</DataTable>
			</Form>
			<Pagination page={page} pageCount={pageCount} total={total} unit="道题" />
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
