import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass, FormError } from '#app/components/forms.tsx'
import { getQuestionForEditing, setQuestionStatus, updateQuestion } from '#app/exams/bank/questions.ts'
import { isFlaggedForReview, QUESTION_STATUS_LABELS, QUESTION_STATUSES, QUESTION_TYPE_LABELS, QuestionStatusSchema } from '#app/exams/bank/question-types.ts'
import { resolveStudyLinks } from '#app/exams/attempts/study-links.ts'
import { mayEnter } from '#app/utils/access.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { formatDateTime } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { Notice } from '#app/components/notice.tsx'
import { BankNav } from '#app/components/bank-nav.tsx'
import { StatusBadge } from './__bank-parts.tsx'
import { editorValues, QuestionEditor, TypeTabs } from './__question-editor.tsx'
import { contentInputFromValues, emptyFormValues, formValuesFromContent, parseQuestionType, QuestionFormSchema, questionRefusal } from './__question-form.ts'

export const meta: MetaFunction = () => [{ title: '编辑题目 · 题库 · 红审学堂' }]

async function loadQuestion(questionId: string) {
	const question = await getQuestionForEditing(prisma, questionId)
	if (!question) throw data({ message: '题目不存在' }, { status: 404 })
	return question
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/bank')
	const question = await loadQuestion(params.questionId!)
	const url = new URL(request.url)
	const anyLocked = question.versions.some((v) => v.locked)
	const requestedType = url.searchParams.get('type')
	const switching = requestedType && !anyLocked && parseQuestionType(requestedType) !== question.content.type
	const current = formValuesFromContent(question.content)
	const resolved = await resolveStudyLinks(prisma, { lessonRefs: question.content.lessonRefs, problemRefs: question.content.problemRefs })
	const studyLinks = [...resolved.lessons.values(), ...resolved.problems.values()]
	// Switching type keeps the shared fields and starts the answer over.
	const values = switching ? { ...emptyFormValues(parseQuestionType(requestedType)), ...pickShared(current) } : current
	return {
		question: {
			id: question.id,
			status: question.status,
			currentVersionNo: question.currentVersionNo,
			currentLocked: question.versions.find((v) => v.id === question.currentVersionId)?.locked ?? false,
			anyLocked,
			flagged: isFlaggedForReview(question.content.regulation?.expiresAt),
			type: question.content.type,
			versions: question.versions,
		},
		values,
		studyLinks,
		mayCorrectKey: mayEnter(user.roles, '/bank/:questionId/key'),
	}
}

function pickShared(values: ReturnType<typeof formValuesFromContent>) {
	const { topic, difficulty, stem, explanation, tags, regulationName, regulationArticle, regulationEffectiveFrom, regulationExpiresAt, lessonRefs, problemRefs } = values
	return { topic, difficulty, stem, explanation, tags, regulationName, regulationArticle, regulationEffectiveFrom, regulationExpiresAt, lessonRefs, problemRefs }
}

/** The status buttons' form: the button pressed carries the status. */
export const QuestionStatusFormSchema = z.object({ intent: z.literal('status'), status: QuestionStatusSchema })

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/bank')
	const questionId = params.questionId!
	const formData = await request.formData()
	if (formData.get('intent') === 'status') {
		const submission = parseWithZod(formData, { schema: QuestionStatusFormSchema })
		if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
		await setQuestionStatus(prisma, { questionIds: [questionId], status: submission.value.status, actorId: user.id })
		throw await redirectWithToast(`/bank/${questionId}`, { title: `状态已更新为${QUESTION_STATUS_LABELS[submission.value.status]}。` })
	}
	const submission = parseWithZod(formData, { schema: QuestionFormSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const result = await updateQuestion(prisma, { questionId, input: contentInputFromValues(submission.value.values), actorId: user.id })
	if (!result.ok) return refusalReply(submission, questionRefusal(result.fieldErrors))
	throw await redirectWithToast(
		`/bank/${questionId}`,
		!result.changed
			? { title: '内容没有变化，未保存新版本。', type: 'info' }
			: result.newVersion
				? { title: '已保存为新版本。', description: '此题已被作答，修改已保存为新版本；已作答的试卷仍使用原版本。', type: 'info' }
				: { title: '已保存。' },
	)
}

export default function EditQuestionPage() {
	const { question, values: loaded, studyLinks, mayCorrectKey } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const statusResult = lastResult?.initialValue?.intent === 'status' ? lastResult : undefined
	const [statusForm] = useForm({
		id: 'question-status',
		lastResult: statusResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: QuestionStatusFormSchema }),
	})
	const values = editorValues(loaded, lastResult)
	return (
		<Page>
			<PageHeader
				title={`编辑${QUESTION_TYPE_LABELS[values.type]}题`}
				description={
					<span className="flex items-center gap-2">
						当前第 {question.currentVersionNo} 版 <StatusBadge status={question.status} />
					</span>
				}
			/>
			<BankNav />
			{question.flagged ? <Notice tone="warning">本题引用的法规已失效，请复核题目内容和法规依据。</Notice> : null}
			{question.currentLocked ? (
				<Notice tone="info">第 {question.currentVersionNo} 版已被抽入试卷。保存修改将生成第 {question.currentVersionNo + 1} 版，已作答的试卷保持原版本。</Notice>
			) : null}
			<Form method="post" className="mb-4 flex flex-wrap items-center gap-2 text-sm" aria-label="题目状态" {...getFormProps(statusForm)}>
				<input type="hidden" name="intent" value="status" />
				<FormError message={statusForm.allErrors.status?.[0] ?? statusForm.errors?.[0]} />
				<span className="text-gray-600">状态：</span>
				{QUESTION_STATUSES.map((status) => (
					<button
						key={status}
						type="submit"
						name="status"
						value={status}
						disabled={status === question.status}
						className={buttonClass(status === question.status ? 'primary' : 'secondary', 'px-3 py-1')}
					>
						{status === question.status ? `当前：${QUESTION_STATUS_LABELS[status]}` : `设为${QUESTION_STATUS_LABELS[status]}`}
					</button>
				))}
			</Form>
			<TypeTabs current={values.type} hrefFor={(type) => `/bank/${question.id}?type=${type}`} disabled={question.anyLocked} />
			<QuestionEditor
				key={JSON.stringify(loaded)}
				id={`question-${question.id}`}
				values={loaded}
				lastResult={statusResult ? undefined : lastResult}
				submitLabel={question.currentLocked ? '保存为新版本' : '保存修改'}
			/>
			{studyLinks.length ? (
				<section className="mt-6 rounded-lg border border-gray-200 bg-white p-5">
					<h2 className="mb-2 font-semibold">关联资料</h2>
					<ul className="flex flex-col gap-1 text-sm">
						{studyLinks.map((link) => (
							<li key={link.label + link.ref}>
								{link.href ? (
									<Link to={link.href} className="text-brand-700 hover:underline">
										{link.label}
									</Link>
								) : (
									<span className="text-amber-800">{link.label}（未找到，请检查标识）</span>
								)}
							</li>
						))}
					</ul>
				</section>
			) : null}
			<section className="mt-6 rounded-lg border border-gray-200 bg-white p-5">
				<h2 className="mb-2 font-semibold">版本记录</h2>
				<table className="min-w-full text-sm" aria-label="版本记录">
					<thead className="text-left text-gray-600">
						<tr>
							<th className="py-1 pr-4">版本</th>
							<th className="py-1 pr-4">创建时间</th>
							<th className="py-1 pr-4">作答份数</th>
							<th className="py-1 pr-4">操作</th>
						</tr>
					</thead>
					<tbody>
						{question.versions.map((version) => (
							<tr key={version.id} className="border-t border-gray-100">
								<td className="py-1 pr-4">
									第 {version.version} 版{version.locked ? '（已锁定）' : ''}
								</td>
								<td className="py-1 pr-4">{formatDateTime(version.createdAt)}</td>
								<td className="py-1 pr-4">{version.answeredCount}</td>
								<td className="py-1 pr-4">
									{mayCorrectKey && version.answeredCount > 0 && question.type !== 'short_answer' && question.type !== 'case_analysis' ? (
										<Link to={`/bank/${question.id}/key/${version.id}`} className="text-brand-700 hover:underline">
											更正答案并重新评分
										</Link>
									) : null}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
