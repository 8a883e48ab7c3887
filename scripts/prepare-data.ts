// Start-up data step: seed an empty database, bring the git-kept courses in (by content
// hash, so an unchanged lesson is not touched), and print the demo logins.
import { prepareCourseContent } from '#app/courses/content-startup.server.ts'
import { createDb } from '#app/utils/db-client.server.ts'
import { printDemoLogins } from '../prisma/demo-data.ts'
import { seedDemoData } from '../prisma/seed.ts'

const db = createDb(process.env.DATABASE_URL ?? 'file:./data/app.db')
try {
	const content = await prepareCourseContent(db)
	const { courses, lessons } = content
	console.log(`课程内容已同步：课程新增 ${courses.created}、更新 ${courses.updated}；课时新增 ${lessons.created}、更新 ${lessons.updated}。`)
	// A refused lesson file must not keep the whole site down; it is named so it gets fixed.
	for (const error of content.errors) console.error(`✗ 课程文件有误，未同步：${error.file}：${error.message}`)
	const { seeded } = await seedDemoData(db)
	if (seeded) console.log('空数据库，已写入演示数据。')
	if ((await db.user.count({ where: { username: 'admin' } })) > 0) printDemoLogins()
} finally {
	await db.$disconnect()
}
