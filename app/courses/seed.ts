// The course library's part of the demo data: the courses and 共性问题清单 kept in
// content/courses, synced by content hash, so calling it again changes nothing.
import type { Db } from '#app/utils/db-client.server.ts'
import { prepareCourseContent } from './content-startup.server.ts'

export async function seedCourses(db: Db, { root }: { root?: string } = {}) {
	const report = await prepareCourseContent(db, { root })
	if (report.errors.length) {
		throw new Error(`课程内容有误，未能全部写入：\n${report.errors.map((error) => `${error.file}：${error.message}`).join('\n')}`)
	}
	return report
}
