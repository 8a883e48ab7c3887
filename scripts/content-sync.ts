// `npm run content:sync`: brings content/courses (git) into the database named by
// DATABASE_URL, compiles new lesson bundles and refreshes the search index. Exits 1 when a
// file was refused, naming the file and line; the other files are still synced.
import 'dotenv/config'
import { prepareCourseContent } from '#app/courses/content-startup.server.ts'
import { createDb } from '#app/utils/db-client.server.ts'

const db = createDb(process.env.DATABASE_URL ?? 'file:./data/app.db')
try {
	const report = await prepareCourseContent(db)
	const { courses, lessons, problems, images, bundles, search } = report
	console.log(`课程：新增 ${courses.created}，更新 ${courses.updated}，未变 ${courses.unchanged}，下架 ${courses.archived}`)
	console.log(`课时：新增 ${lessons.created}，更新 ${lessons.updated}，未变 ${lessons.unchanged}，归档 ${lessons.archived}`)
	console.log(`图片：新存入 ${images.stored}，已有 ${images.unchanged}`)
	if (problems) console.log(`共性问题：新增 ${problems.created}，更新 ${problems.updated}，未变 ${problems.unchanged}，删除 ${problems.removed}`)
	console.log(`编译缓存：新写入 ${bundles.stored} 个课时，清理旧版本 ${bundles.pruned} 个；搜索索引：更新 ${search.updated}，移除 ${search.removed}`)
	for (const warning of report.warnings) console.warn(`⚠ ${warning.file}：${warning.message}`)
	for (const error of report.errors) console.error(`✗ ${error.file}：${error.message}`)
	process.exitCode = report.errors.length ? 1 : 0
} finally {
	await db.$disconnect()
}
