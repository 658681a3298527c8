// Draws the figures' charts from the JSON in #report-data: shared by the report (inlined) and the console (served).
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  new Chart(document.getElementById('resolution-times'), {
    type: 'line',
    data: { labels: data.weeks, datasets: [
      { label: 'median', data: data.p50Hours, borderColor: '#0052cc', backgroundColor: '#0052cc', spanGaps: true },
      { label: 'p90', data: data.p90Hours, borderColor: '#ff991f', backgroundColor: '#ff991f', spanGaps: true }
    ] },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'hours' } } } }
  });
  new Chart(document.getElementById('opened-resolved'), {
    type: 'bar',
    data: { labels: data.weeks, datasets: [
      { label: 'opened', data: data.opened, backgroundColor: '#de350b' },
      { label: 'resolved', data: data.resolved, backgroundColor: '#36b37e' }
    ] },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  new Chart(document.getElementById('follow-ups'), {
    type: 'bar',
    data: { labels: ['created', 'done', 'open'], datasets: [{
      data: [data.followUpsCreated, data.followUpsDone, data.followUpsCreated - data.followUpsDone],
      backgroundColor: ['#0052cc', '#36b37e', '#ff991f'] }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  new Chart(document.getElementById('recurring-causes'), {
    type: 'bar',
    data: { labels: data.causeTerms, datasets: [{ label: 'incidents', data: data.causeCounts,
      backgroundColor: '#6554c0' }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } } }
  });
})();
