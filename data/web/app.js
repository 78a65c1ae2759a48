// triangulate web app: keyboard shortcuts only; every page works without this script.
//   /      focus the search box
//   j / k  next / previous item in a list of stories or search hits
//   g s    go to the stories; g o outlets; g f feeds
(() => {
  'use strict';
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  const items = () => Array.from(document.querySelectorAll('.stories .title, .hits .title'));
  let prefix = false;
  document.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) return;
    if (prefix) {
      prefix = false;
      const to = { s: '/', o: '/outlets', f: '/feeds' }[ev.key];
      if (to) location.assign(to);
      return;
    }
    if (ev.key === '/') {
      const box = document.getElementById('find-q');
      if (box) { ev.preventDefault(); box.focus(); box.select(); }
    } else if (ev.key === 'j' || ev.key === 'k') {
      const list = items();
      if (!list.length) return;
      const at = list.indexOf(document.activeElement);
      const next = ev.key === 'j' ? Math.min(list.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
      list[next].focus();
      list[next].scrollIntoView({ block: 'nearest' });
      ev.preventDefault();
    } else if (ev.key === 'g') {
      prefix = true;
    }
  });
})();
