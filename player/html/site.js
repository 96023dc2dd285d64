/* Replaced by `kotsu serve` with where viewing records go and the site's write token. Opened from
   disk (file://) there is no site: records stay in the browser until "Export records". */
window.KOTSU_SITE = null;
