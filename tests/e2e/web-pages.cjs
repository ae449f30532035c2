// Drives praxis serve's pages in headless Chromium (Debian's, through
// puppeteer-core) as an analyst would: types a query into the search box,
// clicks a facet, opens a matrix cell and a note, switches the language.
// Prints one line per step ("step: what was seen") and takes a screenshot
// of each into DIR. Exit status 1 when a step does not see what it should
// or the page reports a console error or a failed request.
// usage: node web-pages.cjs URL DIR WORDS
// NODE_PATH must hold puppeteer-core (.ci/deps.sh installs it in build/node).
const puppeteer = require('puppeteer-core');
const path = require('path');

(async () => {
	const [base, dir, words] = process.argv.slice(2);
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
	});
	const errors = [];
	let status = 0;
	const check = (ok, what) => { if (!ok) { console.error('not ok: ' + what); status = 1; } };
	try {
		const page = await browser.newPage();
		await page.setViewport({ width: 1280, height: 1400 });
		await page.setExtraHTTPHeaders({ 'Accept-Language': 'nl-BE,nl;q=0.9' });
		page.on('pageerror', (e) => errors.push(String(e)));
		page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
		page.on('requestfailed', (r) => errors.push('failed: ' + r.url()));
		page.on('response', (r) => { if (r.status() >= 400) errors.push(r.status() + ': ' + r.url()); });
		const shot = (name) => page.screenshot({ path: path.join(dir, name + '.png'), fullPage: false });
		const count = (sel) => page.$$eval(sel, (v) => v.length);
		const go = (action) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action]);

		// 1. the search box: type, press Enter
		await page.goto(base, { waitUntil: 'load' });
		check(await page.$eval('html', (h) => h.lang) === 'nl', 'Accept-Language nl gives Dutch');
		await page.type('#q', words);
		await go(page.keyboard.press('Enter'));
		const hits = await count('article.hit');
		const total = await page.$eval('p.count', (p) => p.textContent);
		console.log(`search: ${hits} hits, "${total.trim().split('·')[0].trim()}"`);
		check(hits > 0, 'the query finds hits');
		check(await count('article.hit mark') >= hits, 'every hit is highlighted');
		check(new URL(page.url()).searchParams.get('q') === words, 'the query is in the URL');
		await shot('1-search');

		// 2. a facet: the community with the fewest hits
		const facet = await page.$$eval('a[data-facet="community"]', (as) => as.map((a) => ({
			id: a.dataset.value, n: Number(a.parentElement.querySelector('.n').textContent) }))
			.sort((x, y) => x.n - y.n)[0]);
		await go(page.click(`a[data-facet="community"][data-value="${facet.id}"]`));
		const narrowed = await count('article.hit');
		console.log(`facet: community ${facet.id} says ${facet.n}, shows ${narrowed}`);
		check(narrowed === Math.min(facet.n, 20), 'the facet shows as many hits as it counts');
		check(new URL(page.url()).searchParams.get('community') === facet.id, 'the facet is in the URL');
		check(await count('a[data-facet="community"].selected') === 1, 'the facet is marked selected');
		await shot('2-facet');

		// 3. a matrix cell: the biggest of code x community
		await go(page.click('header a[href^="/matrix"]'));
		const cell = await page.$$eval('td.cell a', (as) => as.map((a) => ({
			href: a.getAttribute('href'), n: Number(a.textContent), row: a.dataset.row, col: a.dataset.col }))
			.sort((x, y) => y.n - x.n)[0]);
		await shot('3-matrix');
		await go(page.click(`td.cell a[href="${cell.href}"]`));
		const segs = await count('section.segments article.hit');
		console.log(`matrix: cell ${cell.row} x ${cell.col} says ${cell.n}, its page shows ${segs}`);
		check(segs === cell.n, 'the cell leads to its segments');
		await shot('4-cell');

		// 4. a note, from a segment
		await go(page.click('section.segments article.hit a.note-link'));
		const title = await page.$eval('h1', (h) => h.textContent);
		const commits = await count('ol.commits li');
		console.log(`note: "${title}", ${commits} commit(s) in its history`);
		check(await count('article.note p') > 0, 'the note is rendered');
		check(commits >= 1, 'the note has its history');
		await shot('5-note');

		// 5. the language switch keeps the page
		const before = new URL(page.url()).pathname;
		await go(page.click('#lang-switch'));
		const lang = await page.$eval('html', (h) => h.lang);
		console.log(`switch: ${lang}, ${new URL(page.url()).pathname === before ? 'same page' : 'another page'}`);
		check(lang === 'fr', 'the switch gives French');
		check(new URL(page.url()).pathname === before, 'the switch keeps the page');
		await shot('6-note-fr');

		// 6. and back on the search, in French, with the query kept
		await page.goto(`${base}?q=${encodeURIComponent(words)}&lang=fr`, { waitUntil: 'load' });
		await go(page.click('#lang-switch'));
		check(new URL(page.url()).searchParams.get('q') === words, 'the switch keeps the query');
		check(await page.$eval('html', (h) => h.lang) === 'nl', 'the switch gives Dutch back');
	} catch (e) {
		console.error(String(e));
		status = 1;
	} finally {
		await browser.close();
	}
	if (errors.length) {
		console.error('console errors: ' + errors.join(' | '));
		status = 1;
	}
	process.exit(status);
})();
