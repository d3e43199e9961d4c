<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AttributePanel</name>
    <message>
        <source>Click a feature on the map to see its attributes.</source>
        <extracomment>The features linked to the one shown (a cable&apos;s stations, a station&apos;s cables), to highlight.</extracomment>
        <translation>在地圖上點擊圖徵以查看其屬性。</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>屬性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>{i} of {n}: {feature} — {layer}</source>
        <translation>第 {i} 筆（共 {n} 筆）：{feature} — {layer}</translation>
    </message>
    <message>
        <source>Nothing here. Click a feature on the map to see its attributes.</source>
        <translation>此處沒有圖徵。在地圖上點擊圖徵以查看其屬性。</translation>
    </message>
    <message>
        <source>Clicked at {where}</source>
        <translation>點擊位置：{where}</translation>
    </message>
    <message>
        <source>derived by the Atlas (geodesic, WGS84), not an attribute of the file</source>
        <translation>由 Atlas 計算得出（測地線，WGS84），並非檔案中的屬性</translation>
    </message>
    <message>
        <source>… ({n} characters; the attribute table&apos;s Copy rows has it all)</source>
        <translation>…（共 {n} 個字元；用屬性表的「複製列」可取得完整內容）</translation>
    </message>
    <message>
        <source>Owners: {owners}</source>
        <extracomment>URLs opened by clicking attribute links (tests replace :meth:`_open_url`)</extracomment>
        <translation>擁有者：{owners}</translation>
    </message>
    <message>
        <source>Landing stations ({n}) — click one to show it</source>
        <translation>登陸站（{n}）— 點擊其中一個以顯示</translation>
    </message>
    <message>
        <source>Cables landing here ({n}) — click one to show it</source>
        <translation>在此登陸的海纜（{n}）— 點擊其中一條以顯示</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Quick filter (this table only)</source>
        <translation>快速篩選（僅限此表格）</translation>
    </message>
    <message>
        <source>Only features on the map now</source>
        <translation>僅顯示目前地圖上的圖徵</translation>
    </message>
    <message>
        <source>Only features in the time filter</source>
        <translation>僅顯示時間篩選範圍內的圖徵</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>in list</source>
        <translation>在清單中</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>為空</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>不為空</translation>
    </message>
    <message>
        <source>value (in list: a, b, c)</source>
        <translation>值（在清單中時：a, b, c）</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>新增條件</translation>
    </message>
    <message>
        <source>Layer filter, e.g. status == &apos;in service&apos; and rfs_year &gt;= 2020</source>
        <translation>圖層篩選，例如 status == &apos;in service&apos; and rfs_year &gt;= 2020</translation>
    </message>
    <message>
        <source>Apply filter</source>
        <translation>套用篩選</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>清除篩選</translation>
    </message>
    <message>
        <source>Zoom to</source>
        <translation>縮放至</translation>
    </message>
    <message>
        <source>Zoom to the selected rows (all listed rows when none is selected)</source>
        <translation>縮放至選取的列（未選取時為所有列出的列）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy the selected rows (Ctrl+C) as tab-separated text</source>
        <translation>將選取的列複製為以定位字元分隔的文字（Ctrl+C）</translation>
    </message>
    <message>
        <source>Export selected…</source>
        <translation>匯出選取的圖徵…</translation>
    </message>
    <message>
        <source>Export listed…</source>
        <translation>匯出所列圖徵…</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>圖層</translation>
    </message>
    <message>
        <source>No layer</source>
        <translation>無圖層</translation>
    </message>
    <message>
        <source>{n} of {total} features listed</source>
        <translation>已列出 {total} 個圖徵中的 {n} 個</translation>
    </message>
    <message>
        <source>layer filter: {expression} ({n} pass)</source>
        <translation>圖層篩選：{expression}（{n} 個符合）</translation>
    </message>
    <message>
        <source>the selection of {n} scattered rows was cleared</source>
        <translation>已清除 {n} 個分散列的選取</translation>
    </message>
    <message>
        <source>{n} selected (the first {max} highlighted on the map)</source>
        <translation>已選取 {n} 個（地圖上醒目顯示前 {max} 個）</translation>
    </message>
    <message>
        <source>{n} selected</source>
        <translation>已選取 {n} 個</translation>
    </message>
    <message>
        <source>Filter not applied: {error}</source>
        <translation>未套用篩選：{error}</translation>
    </message>
    <message>
        <source>Copied the first {n} of {total} rows.</source>
        <extracomment>Most rows Copy puts on the clipboard.</extracomment>
        <translation>已複製 {total} 列中的前 {n} 列。</translation>
    </message>
    <message>
        <source>Nothing selected: select rows first, or use Export filtered…</source>
        <translation>未選取任何列：請先選取列，或使用「匯出所列圖徵…」。</translation>
    </message>
    <message>
        <source>Export features</source>
        <translation>匯出圖徵</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>匯出失敗：{error}</translation>
    </message>
</context>
<context>
    <name>AttributeTableModel</name>
    <message>
        <source>&lt;{n} bytes&gt;</source>
        <extracomment>A selection of more separate runs of rows than this is not carried over a filter change (Qt selections of 10^5 ranges take minutes); the status line says so.</extracomment>
        <translation>&lt;{n} 位元組&gt;</translation>
    </message>
    <message>
        <source>… ({n} characters)</source>
        <translation>…（共 {n} 個字元）</translation>
    </message>
</context>
<context>
    <name>ConnectivityDock</name>
    <message>
        <source>Change since</source>
        <extracomment>Countries charted when none is selected in the table: the ASEAN members with a coast, China, Hong Kong. First year of the chart.</extracomment>
        <translation>對比年份</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>國家/地區</translation>
    </message>
    <message>
        <source>International cables</source>
        <translation>國際海纜</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>變化</translation>
    </message>
    <message>
        <source>Landing stations</source>
        <translation>登陸站</translation>
    </message>
    <message>
        <source>Countries reached</source>
        <translation>直達國家/地區</translation>
    </message>
    <message>
        <source>Chinese carrier</source>
        <translation>中國電信業者參與</translation>
    </message>
    <message>
        <source>HMN Tech</source>
        <translation>華海通信（HMN Tech）</translation>
    </message>
    <message>
        <source>After the cut</source>
        <translation>切斷後</translation>
    </message>
    <message>
        <source>What if…</source>
        <translation>假如……</translation>
    </message>
    <message>
        <source>Cut an area:</source>
        <translation>切斷區域：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <source>Polygon file…</source>
        <translation>多邊形檔案…</translation>
    </message>
    <message>
        <source>Draw on the map…</source>
        <translation>在地圖上繪製…</translation>
    </message>
    <message>
        <source>Cut the selected cables or stations</source>
        <translation>切斷所選海纜或登陸站</translation>
    </message>
    <message>
        <source>Cuts the feature identified on the map or found by search, or the rows selected in the attribute table</source>
        <translation>切斷在地圖上識別或透過搜尋找到的圖徵，或屬性表中選取的列</translation>
    </message>
    <message>
        <source>Clear the cut</source>
        <translation>清除切斷</translation>
    </message>
    <message>
        <source>Between two countries</source>
        <translation>兩國/地區之間</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>國家/地區對</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>是否連通</translation>
    </message>
    <message>
        <source>Disjoint cable paths</source>
        <translation>不共用海纜的路徑數</translation>
    </message>
    <message>
        <source>Shortest path</source>
        <translation>最短路徑</translation>
    </message>
    <message>
        <source>Reach from a facility</source>
        <translation>從設施出發的可達範圍</translation>
    </message>
    <message>
        <source>Reach from the selected feature</source>
        <translation>從所選圖徵出發</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Export table (CSV)…</source>
        <translation>匯出表格（CSV）…</translation>
    </message>
    <message>
        <source>Export report (map and CSV)…</source>
        <translation>匯出報告（地圖與 CSV）…</translation>
    </message>
    <message>
        <source>1 cable cut</source>
        <translation>1 條海纜被切斷</translation>
    </message>
    <message>
        <source>{n} cables cut</source>
        <translation>{n} 條海纜被切斷</translation>
    </message>
    <message>
        <source>1 station left without a working cable</source>
        <translation>1 個登陸站失去可用海纜</translation>
    </message>
    <message>
        <source>{n} stations left without a working cable</source>
        <translation>{n} 個登陸站失去可用海纜</translation>
    </message>
    <message>
        <source>1 landing station cut</source>
        <translation>1 個登陸站被切斷</translation>
    </message>
    <message>
        <source>{n} landing stations cut</source>
        <translation>{n} 個登陸站被切斷</translation>
    </message>
    <message>
        <source>{summary} (computed in {ms} ms)</source>
        <translation>{summary}（計算用時 {ms} 毫秒）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>An area needs at least three corners that enclose some sea.</source>
        <translation>區域至少需要三個能圍出一片海域的角點。</translation>
    </message>
    <message>
        <source>all dates</source>
        <translation>所有日期</translation>
    </message>
    <message>
        <source>Counts of cables in the Atlas&apos;s regional cable set, not capacity (see the analysis guide in the documentation).</source>
        <translation>統計的是本地圖集區域海纜集中的海纜條數，不代表容量（見文件中的分析說明）。</translation>
    </message>
    <message>
        <source>As of {date}</source>
        <translation>截至 {date}</translation>
    </message>
    <message>
        <source>No cable layer (a layer with the attribute &apos;landing_station_ids&apos;) on the map.</source>
        <translation>地圖上沒有海纜圖層（含屬性 &apos;landing_station_ids&apos; 的圖層）。</translation>
    </message>
    <message>
        <source> (−{n}, {share:.0%} lost)</source>
        <translation>（−{n}，損失 {share:.0%}）</translation>
    </message>
    <message>
        <source>; reaches {n} countries</source>
        <translation>；直達 {n} 個國家/地區</translation>
    </message>
    <message>
        <source>No cut: pick an area, or cut the selected cables or stations.</source>
        <translation>未切斷：請選擇區域，或切斷所選海纜或登陸站。</translation>
    </message>
    <message>
        <source>Cable: {name}</source>
        <translation>海纜：{name}</translation>
    </message>
    <message>
        <source> (not in service at this date)</source>
        <translation>（此日期未啟用）</translation>
    </message>
    <message>
        <source>Landing station: {name}</source>
        <translation>登陸站：{name}</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>多邊形</translation>
    </message>
    <message>
        <source>Area: {name}</source>
        <translation>區域：{name}</translation>
    </message>
    <message>
        <source>Not on this map, left out: {ids}</source>
        <translation>不在本地圖上，已略去：{ids}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>no longer</source>
        <translation>已斷開</translation>
    </message>
    <message>
        <source>overland</source>
        <translation>陸路</translation>
    </message>
    <message>
        <source>overland, across water</source>
        <translation>陸路，跨越水域</translation>
    </message>
    <message>
        <source>{km} km: {hops}</source>
        <translation>{km} 公里：{hops}</translation>
    </message>
    <message>
        <source>International cables in service</source>
        <translation>已啟用的國際海纜</translation>
    </message>
    <message>
        <source>Polygon to cut with</source>
        <translation>用於切斷的多邊形</translation>
    </message>
    <message>
        <source>Vector files (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.zip)</source>
        <translation>向量檔案 (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.zip)</translation>
    </message>
    <message>
        <source>Click the corners of the area on the map; right-click or Enter closes it, Esc cancels.</source>
        <translation>在地圖上點擊區域的各個角點；右鍵或 Enter 閉合，Esc 取消。</translation>
    </message>
    <message>
        <source>Drawing cancelled.</source>
        <translation>已取消繪製。</translation>
    </message>
    <message>
        <source>drawn area</source>
        <translation>繪製的區域</translation>
    </message>
    <message>
        <source>Select a cable or a landing station first (click it on the map, search it, or select rows in the attribute table).</source>
        <translation>請先選擇海纜或登陸站（在地圖上點擊、搜尋，或在屬性表中選取列）。</translation>
    </message>
    <message>
        <source>Select a point feature first (a data centre, a factory, the Nanning computing centre…).</source>
        <translation>請先選擇一個點圖徵（資料中心、工廠、南寧算力中心……）。</translation>
    </message>
    <message>
        <source>Nearest landing stations with a working cable:</source>
        <translation>最近的有可用海纜的登陸站：</translation>
    </message>
    <message>
        <source>{name} ({country}) — {km} km</source>
        <translation>{name}（{country}）— {km} 公里</translation>
    </message>
    <message>
        <source>Cables there ({n}): {list}</source>
        <translation>這些登陸站的海纜（{n} 條）：{list}</translation>
    </message>
    <message>
        <source>Countries they reach ({n}): {list}</source>
        <translation>這些海纜直達的國家/地區（{n} 個）：{list}</translation>
    </message>
    <message>
        <source>Terrestrial cross-border links: {list}</source>
        <translation>陸地跨境光纜：{list}</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>匯出表格</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>匯出報告</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 影像 (*.png);;PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export map</source>
        <extracomment>Size choices: key, ``--size`` value (None: custom pixels / millimetres). The key is the English label (:meth:`ExportDialog.size_labels` gives the shown, translated one) and what QSettings keeps. Format choices: English label (:meth:`ExportDialog.format_labels` gives the shown one), suffix. Formats drawn with the page layout (legend, scale bar, north arrow... apply). Legend choices: English label (:meth:`ExportDialog.legend_labels` gives the shown one), value. Longest side of the preview image, pixels. Item-data role of the size list holding the choice&apos;s key (SIZE_CHOICES).</extracomment>
        <translation>匯出地圖</translation>
    </message>
    <message>
        <source>automatic: &apos;As of YEAR&apos; when the time filter is on</source>
        <extracomment>the canvas&apos;s scale on a 96-DPI screen: the map frame keeps it at any DPI</extracomment>
        <translation>自動：開啟時間篩選時為「截至某年」</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>指北針</translation>
    </message>
    <message>
        <source>Locator inset (overview map with the map&apos;s extent)</source>
        <translation>位置圖（標出地圖範圍的概覽圖）</translation>
    </message>
    <message>
        <source>Date stamp</source>
        <translation>日期標記</translation>
    </message>
    <message>
        <source>Sources footnote (numbered sources of the features in view)</source>
        <translation>來源註腳（畫面中圖徵的編號來源）</translation>
    </message>
    <message>
        <source> ms per time step</source>
        <translation> 毫秒/每個時間步</translation>
    </message>
    <message>
        <source> frames per second</source>
        <translation> 影格/秒</translation>
    </message>
    <message>
        <source>Keep the window&apos;s centre and scale</source>
        <translation>保持視窗的中心與比例尺</translation>
    </message>
    <message>
        <source>Off: the whole Atlas region (or the layers&apos; extent) fitted to the frame</source>
        <translation>關閉時：整個地圖集區域（或圖層範圍）縮放至符合圖框</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>頁面大小</translation>
    </message>
    <message>
        <source>Width × height</source>
        <translation>寬度 × 高度</translation>
    </message>
    <message>
        <source>Resolution (DPI)</source>
        <translation>解析度（DPI）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>副標題</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>圖例</translation>
    </message>
    <message>
        <source>Time steps</source>
        <translation>時間步</translation>
    </message>
    <message>
        <source>Step duration</source>
        <translation>每步時長</translation>
    </message>
    <message>
        <source>Video frame rate</source>
        <translation>影片影格率</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令列</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 圖片</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG（向量）</translation>
    </message>
    <message>
        <source>PDF (vector, selectable text)</source>
        <translation>PDF（向量，文字可選取）</translation>
    </message>
    <message>
        <source>HTML page (interactive)</source>
        <translation>HTML 網頁（互動式）</translation>
    </message>
    <message>
        <source>GIF animation (time steps)</source>
        <translation>GIF 動畫（依時間步）</translation>
    </message>
    <message>
        <source>MP4 video, H.264 (time steps)</source>
        <translation>MP4 影片，H.264（依時間步）</translation>
    </message>
    <message>
        <source>A4 portrait</source>
        <translation>A4 直向</translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <translation>A4 橫向</translation>
    </message>
    <message>
        <source>A3 portrait</source>
        <translation>A3 直向</translation>
    </message>
    <message>
        <source>A3 landscape</source>
        <translation>A3 橫向</translation>
    </message>
    <message>
        <source>16:9 (screen, slides)</source>
        <translation>16:9（螢幕、簡報）</translation>
    </message>
    <message>
        <source>4:5 (social)</source>
        <translation>4:5（社群媒體）</translation>
    </message>
    <message>
        <source>Square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>Custom, pixels</source>
        <translation>自訂，像素</translation>
    </message>
    <message>
        <source>Custom, millimetres</source>
        <translation>自訂，公釐</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Right of the map</source>
        <translation>地圖右側</translation>
    </message>
    <message>
        <source>Under the map</source>
        <translation>地圖下方</translation>
    </message>
    <message>
        <source>Inside the map (emptiest corner)</source>
        <translation>地圖內（最空的角落）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>無</translation>
    </message>
    <message>
        <source>1 step, {first} to {last} (the Time dock&apos;s range, step and mode)</source>
        <translation>1 步，{first} 至 {last}（時間面板的範圍、間隔和模式）</translation>
    </message>
    <message>
        <source>{n} steps, {first} to {last} (the Time dock&apos;s range, step and mode)</source>
        <translation>{n} 步，{first} 至 {last}（時間面板的範圍、間隔和模式）</translation>
    </message>
    <message>
        <source>The command shown does not hold this window&apos;s layers, visibility and filters and the date {date}: save the project (File &gt; Save project) and add {option} to it.</source>
        <translation>顯示的命令不包含此視窗的圖層、可見性與篩選條件，也不包含日期 {date}：請儲存專案（檔案 &gt; 儲存專案），並在命令中加上 {option}。</translation>
    </message>
    <message>
        <source>The command shown does not hold this window&apos;s layers, visibility and filters: save the project (File &gt; Save project) and add {option} to it.</source>
        <translation>顯示的命令不包含此視窗的圖層、可見性與篩選條件：請儲存專案（檔案 &gt; 儲存專案），並在命令中加上 {option}。</translation>
    </message>
    <message>
        <source>The command shown does not hold the date {date}: save the project (File &gt; Save project) and add {option} to it.</source>
        <translation>顯示的命令不包含日期 {date}：請儲存專案（檔案 &gt; 儲存專案），並在命令中加上 {option}。</translation>
    </message>
    <message>
        <source>the page&apos;s first view: {width} × {height} pixels</source>
        <translation>頁面的初始畫面：{width} × {height} 像素</translation>
    </message>
    <message>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} 像素</translation>
    </message>
    <message>
        <source>{size}, scale 1:{scale}</source>
        <translation>{size}，比例尺 1:{scale}</translation>
    </message>
    <message>
        <source>Rendering 1 frame…</source>
        <translation>正在繪製 1 個影格…</translation>
    </message>
    <message>
        <source>Rendering {n} frames…</source>
        <translation>正在繪製 {n} 個影格…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LayerLoader</name>
    <message>
        <source>Loading {file}…</source>
        <extracomment>How often the GUI thread looks for the worker&apos;s progress and result, ms.</extracomment>
        <translation>正在載入 {file}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>新增圖層</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>1 feature read</source>
        <translation>已讀取 1 個圖徵</translation>
    </message>
    <message>
        <source>{n} features read</source>
        <translation>已讀取 {n} 個圖徵</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Raise layer</source>
        <extracomment>the user asked for a layer&apos;s attribute table the user asked to style a layer a callable that removes a layer (the window&apos;s, which keeps it for Undo); None: remove here</extracomment>
        <translation>上移圖層</translation>
    </message>
    <message>
        <source>Lower layer</source>
        <translation>下移圖層</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>縮放</translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation>縮放至圖層</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation>移除圖層</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>屬性表</translation>
    </message>
    <message>
        <source>Open the layer&apos;s attribute table (F6)</source>
        <translation>開啟圖層的屬性表（F6）</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>樣式</translation>
    </message>
    <message>
        <source>Style the layer (F7)</source>
        <translation>設定圖層樣式（F7）</translation>
    </message>
    <message>
        <source>{layer}  ({n} of {total}, filtered)</source>
        <translation>{layer}  （{n}/{total}，已篩選）</translation>
    </message>
</context>
<context>
    <name>LiveLayers</name>
    <message>
        <source>PostGIS request cancelled</source>
        <extracomment>Milliseconds the view must rest before a request (a drag asks once, at its end). Rows read to detect a table&apos;s time field. the last request&apos;s SQL per layer (shown in the layer&apos;s info; the tests read it)</extracomment>
        <translation>PostGIS 請求已取消</translation>
    </message>
    <message>
        <source>{layer}: {n:,} features received…</source>
        <translation>{layer}：已收到 {n:,} 個圖徵…</translation>
    </message>
    <message>
        <source>{layer}: cannot reach the database ({why}); showing the last data received; retrying when you move the map</source>
        <translation>{layer}：無法連線資料庫（{why}）；顯示最後收到的資料；移動地圖時將重試</translation>
    </message>
    <message>
        <source>{layer}: {n:,} features in view</source>
        <translation>{layer}：視圖中有 {n:,} 個圖徵</translation>
    </message>
    <message>
        <source>{layer}: {n:,} features in view before the part of the filter PostGIS cannot evaluate, drawn as counts per {km:,.0f} km cell; zoom in for the filtered features</source>
        <translation>{layer}：視圖中有 {n:,} 個圖徵（尚未套用 PostGIS 無法計算的那部分篩選條件），按每 {km:,.0f} 公里網格計數繪製；放大可檢視篩選後的圖徵</translation>
    </message>
    <message>
        <source>{layer}: {n:,} features in view, drawn as counts per {km:,.0f} km cell; zoom in for the features</source>
        <translation>{layer}：視圖中有 {n:,} 個圖徵，按每 {km:,.0f} 公里網格計數繪製；放大可檢視圖徵</translation>
    </message>
</context>
<context>
    <name>LoadOptionsDialog</name>
    <message>
        <source>Reading options</source>
        <extracomment>(label, codec) of the encoding list; codec None means &quot;detect&quot;. The list shows the labels translated (:meth:`encoding_labels`). Bytes and lines of the first text file shown in the preview.</extracomment>
        <translation>讀取選項</translation>
    </message>
    <message>
        <source>from the file (e.g. EPSG:32647 if it has none)</source>
        <translation>取自檔案（檔案中沒有時可填寫，例如 EPSG:32647）</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文字編碼</translation>
    </message>
    <message>
        <source>CRS of the coordinates</source>
        <translation>座標參考系統</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自動偵測</translation>
    </message>
    <message>
        <source>Thai (TIS-620 / cp874)</source>
        <translation>泰文（TIS-620 / cp874）</translation>
    </message>
    <message>
        <source>Chinese, simplified (GBK / GB18030)</source>
        <translation>簡體中文（GBK / GB18030）</translation>
    </message>
    <message>
        <source>Chinese, traditional (Big5)</source>
        <translation>繁體中文（Big5）</translation>
    </message>
    <message>
        <source>Vietnamese (cp1258)</source>
        <translation>越南文（cp1258）</translation>
    </message>
    <message>
        <source>Western European (cp1252)</source>
        <translation>西歐語言（cp1252）</translation>
    </message>
    <message>
        <source>Detected: {encoding}; {confidence}</source>
        <translation>偵測到：{encoding}；{confidence}</translation>
    </message>
    <message>
        <source>Detected: {encoding}</source>
        <translation>偵測到：{encoding}</translation>
    </message>
    <message>
        <source>(cannot read it as {encoding}: {error})</source>
        <translation>（無法以 {encoding} 讀取：{error}）</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>偵測到的編碼</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Vector files (*.geojson *.json *.geojsonl *.geojsons *.ndjson *.gpkg *.shp *.zip *.kml *.fgb *.parquet *.geoparquet *.csv *.tsv);;All files (*)</source>
        <extracomment>The Add layer file filter (English; the dialogs show ``self.tr(VECTOR_FILTER)``, which the catalogues hold under the MainWindow context through QT_TRANSLATE_NOOP).</extracomment>
        <translation>向量檔案 (*.geojson *.json *.geojsonl *.geojsons *.ndjson *.gpkg *.shp *.zip *.kml *.fgb *.parquet *.geoparquet *.csv *.tsv);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>ASEAN Digital Atlas</source>
        <translation>東協數位地圖集</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>圖層</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>屬性</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>Measure</source>
        <extracomment>every error shown since the window opened (``--screenshot`` reports them on stderr) Load warnings shown (data left out or changed), newest last. False for ``--screenshot`` and scripts: never open a modal question (CRS, GeoPackage layers); multi-layer files load all their layers, files needing a CRS fail with a message Loads running on worker threads (big files), see :meth:`open_files`.</extracomment>
        <translation>測量</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>圖例</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>屬性表</translation>
    </message>
    <message>
        <source>Layer styling</source>
        <translation>圖層樣式</translation>
    </message>
    <message>
        <source>Connectivity</source>
        <translation>連通性</translation>
    </message>
    <message>
        <source>1 layer</source>
        <translation>1 個圖層</translation>
    </message>
    <message>
        <source>{n} layers</source>
        <translation>{n} 個圖層</translation>
    </message>
    <message>
        <source>Stop the PostGIS request (the layer keeps what it shows)</source>
        <translation>停止 PostGIS 請求（圖層保留目前顯示的內容）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Add layer…</source>
        <translation>新增圖層(&amp;A)…</translation>
    </message>
    <message>
        <source>Add layer with encoding/C&amp;RS…</source>
        <translation>依編碼／座標參考系統新增圖層(&amp;R)…</translation>
    </message>
    <message>
        <source>Add Post&amp;GIS layer…</source>
        <translation>新增 Post&amp;GIS 圖層…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>開啟專案(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent &amp;projects</source>
        <translation>最近的專案(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>儲存專案(&amp;S)</translation>
    </message>
    <message>
        <source>Sa&amp;ve project as…</source>
        <translation>專案另存新檔(&amp;V)…</translation>
    </message>
    <message>
        <source>Export &amp;map (PNG, SVG, PDF)…</source>
        <translation>匯出地圖（PNG、SVG、PDF）(&amp;M)…</translation>
    </message>
    <message>
        <source>Export &amp;HTML…</source>
        <translation>匯出 HTML(&amp;H)…</translation>
    </message>
    <message>
        <source>Export time animat&amp;ion (GIF)…</source>
        <translation>匯出時間動畫（GIF）(&amp;I)…</translation>
    </message>
    <message>
        <source>Export time animation (MP&amp;4 video)…</source>
        <translation>匯出時間動畫（MP4 影片）(&amp;4)…</translation>
    </message>
    <message>
        <source>Export small m&amp;ultiples (PNG)…</source>
        <translation>匯出多時相對照圖（PNG）(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo remove layer</source>
        <translation>復原移除圖層(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search features…</source>
        <translation>搜尋圖徵(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Attribute table</source>
        <translation>屬性表(&amp;A)</translation>
    </message>
    <message>
        <source>Layer st&amp;yling</source>
        <translation>圖層樣式(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Connectivity and what-if…</source>
        <translation>連通性與假設分析(&amp;C)…</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>縮放至全圖範圍(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom to Atlas &amp;region</source>
        <translation>縮放至地圖集區域(&amp;R)</translation>
    </message>
    <message>
        <source>An&amp;tialiasing (smooth edges)</source>
        <translation>反鋸齒（平滑邊緣）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Measure distance</source>
        <translation>測量距離(&amp;M)</translation>
    </message>
    <message>
        <source>Ca&amp;ble colours</source>
        <translation>海纜顏色(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Atlas (by status)</source>
        <translation>圖集配色（依狀態）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;TeleGeography (per cable)</source>
        <translation>TeleGeography 配色（每條海纜）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <source>The interface is in {language}.</source>
        <extracomment>QSettings key of View &gt; Antialiasing.</extracomment>
        <translation>介面語言為{language}。</translation>
    </message>
    <message>
        <source>The interface will be in {language} when the Atlas next starts.</source>
        <translation>下次啟動地圖集時，介面將使用{language}。</translation>
    </message>
    <message>
        <source> (+{n} more)</source>
        <translation>（另有 {n} 則）</translation>
    </message>
    <message>
        <source>Could not open layer</source>
        <extracomment>Files at least this big load on a worker thread with a progress dialog (issue 4). Suffixes whose files may hold several layers; the user picks among them.</extracomment>
        <translation>無法開啟圖層</translation>
    </message>
    <message>
        <source>Layers of {file}</source>
        <translation>{file} 中的圖層</translation>
    </message>
    <message>
        <source>Choose the CRS</source>
        <translation>選擇座標參考系統</translation>
    </message>
    <message>
        <source>CRS of the coordinates (e.g. EPSG:32647 for UTM 47N):</source>
        <translation>座標參考系統（例如 UTM 47N 為 EPSG:32647）：</translation>
    </message>
    <message>
        <source>{source}: unexpected error: {kind}: {error}</source>
        <translation>{source}：非預期的錯誤：{kind}：{error}</translation>
    </message>
    <message>
        <source>Layer loaded with warnings</source>
        <translation>圖層已載入，但有警告</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 則警告</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} 則警告</translation>
    </message>
    <message>
        <source>Cancelled loading {file}</source>
        <translation>已取消載入 {file}</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>新增圖層</translation>
    </message>
    <message>
        <source>This feature is hidden by the layer filter ({filter}); clear it in the attribute table to see it.</source>
        <translation>此圖徵被圖層篩選條件（{filter}）隱藏；在屬性表中清除篩選即可看到。</translation>
    </message>
    <message>
        <source>This feature is not drawn at the current time; move the time slider to see it.</source>
        <translation>此圖徵在目前時間不顯示；移動時間滑桿即可看到。</translation>
    </message>
    <message>
        <source>Rendering GIF frames…</source>
        <translation>正在算繪 GIF 影格…</translation>
    </message>
    <message>
        <source>Rendering MP4 frames…</source>
        <translation>正在算繪 MP4 影格…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export animation failed</source>
        <translation>匯出動畫失敗</translation>
    </message>
    <message>
        <source>Wrote {file} ({n} steps)</source>
        <translation>已寫入 {file}（{n} 步）</translation>
    </message>
    <message>
        <source>Export small multiples failed</source>
        <translation>匯出多時相對照圖失敗</translation>
    </message>
    <message>
        <source>Wrote {file}</source>
        <translation>已寫入 {file}</translation>
    </message>
    <message>
        <source>Small multiples</source>
        <translation>多時相對照圖</translation>
    </message>
    <message>
        <source>Years (comma-separated):</source>
        <translation>年份（以逗號分隔）：</translation>
    </message>
    <message>
        <source>{text}: expected years such as 2010,2015,2020,2025</source>
        <translation>{text}：應為年份，例如 2010,2015,2020,2025</translation>
    </message>
    <message>
        <source>Export small multiples</source>
        <translation>匯出多時相對照圖</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 影像 (*.png)</translation>
    </message>
    <message>
        <source>Export PNG failed</source>
        <translation>匯出 PNG 失敗</translation>
    </message>
    <message>
        <source>Export HTML failed</source>
        <translation>匯出 HTML 失敗</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>匯出 PNG</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>(+{n} more here; click to list them)</source>
        <extracomment>Identify search radius, pixels. After the last pan or zoom input, the map is redrawn once this many ms have passed without another (until then the last frame is shown moved and scaled: issue 9, as QGIS&apos;s canvas does). The attribute table&apos;s selection highlights at most this many features (drawn one by one). The mouse rests this long over a feature before its name shows in a tooltip, ms. Colour of the features linked to the selection (a cable&apos;s landing stations, a station&apos;s cables). features linked to the selection (a cable&apos;s stations, a station&apos;s cables), highlighted features selected in the attribute table ``(layer, rows)``, or None the last hover tooltip&apos;s text (tests) the measure tool while it is active (clicks measure instead of identifying), else None a picture of the whole window as a plain start first showed it (the start-up picture, :mod:`.startup`): its part under the canvas is shown until the first frame is ready full renders done (tests count them) smooth edges in the map frames (View &gt; Antialiasing; exports are always antialiased)</extracomment>
        <translation>（此處還有 {n} 個；點擊以列出全部）</translation>
    </message>
</context>
<context>
    <name>MeasurePanel</name>
    <message>
        <source>Click points on the map. Right-click or Enter ends a line; Backspace removes the last point; Esc clears. Geodesic distances on the WGS84 ellipsoid.</source>
        <translation>在地圖上點選各點。按右鍵或 Enter 鍵結束一條線；按退格鍵刪除最後一個點；按 Esc 清除。距離為 WGS84 橢球面上的測地線距離。</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>段</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>長度</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Total: {km} ({nmi} nmi)</source>
        <translation>總計：{km}（{nmi} 海浬）</translation>
    </message>
    <message>
        <source>Total: –</source>
        <translation>總計：–</translation>
    </message>
</context>
<context>
    <name>PostGISDialog</name>
    <message>
        <source>Add PostGIS layer</source>
        <extracomment>libpq&apos;s SSL modes, in QGIS&apos;s order.</extracomment>
        <translation>新增 PostGIS 圖層</translation>
    </message>
    <message>
        <source>optional: a name from the service file (&apos;pg_service.conf&apos;)</source>
        <translation>選填：服務檔案（&apos;pg_service.conf&apos;）中的名稱</translation>
    </message>
    <message>
        <source>empty: from the password file (&apos;.pgpass&apos;) or the service file</source>
        <translation>留空：取自密碼檔案（&apos;.pgpass&apos;）或服務檔案</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服務</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主機</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>連接埠</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>資料庫</translation>
    </message>
    <message>
        <source>User</source>
        <translation>使用者</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>SSL mode</source>
        <translation>SSL 模式</translation>
    </message>
    <message>
        <source>The password is used for this connection only: it is never saved in the layer or the project.</source>
        <translation>密碼只用於本次連線，不會儲存在圖層或專案中。</translation>
    </message>
    <message>
        <source>List tables</source>
        <translation>列出資料表</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>資料表</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>幾何</translation>
    </message>
    <message>
        <source>SRID</source>
        <translation>SRID</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Rows (estimate)</source>
        <translation>列數（估計）</translation>
    </message>
    <message>
        <source>{n} tables with a geometry column</source>
        <translation>{n} 個含幾何欄位的資料表</translation>
    </message>
</context>
<context>
    <name>ProjectController</name>
    <message>
        <source>untitled</source>
        <extracomment>removed layers for Undo: ``[(layer, index)]``, newest last layers of the open project whose file was missing: ``(index, entry)``, saved back as they were ask before closing with unsaved changes (only with a real display; tests set it)</extracomment>
        <translation>未命名</translation>
    </message>
    <message>
        <source>{name} — ASEAN Digital Atlas</source>
        <translation>{name} — 東協數位地圖集</translation>
    </message>
    <message>
        <source>Project not saved</source>
        <translation>專案未儲存</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已儲存 {file}</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>儲存專案</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>開啟專案</translation>
    </message>
    <message>
        <source>Project not opened</source>
        <translation>專案未開啟</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>無</translation>
    </message>
    <message>
        <source>{name}: file not found (looked for {tried}); not on the map, kept in the project with its settings</source>
        <translation>{name}：找不到檔案（已尋找 {tried}）；未顯示在地圖上，已連同其設定保留在專案中</translation>
    </message>
    <message>
        <source>Project opened with problems</source>
        <translation>專案已開啟，但有問題</translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>已開啟 {file}</translation>
    </message>
    <message>
        <source>Locate “{name}” (was {old})</source>
        <translation>尋找「{name}」（原為 {old}）</translation>
    </message>
    <message>
        <source>Vector files (*)</source>
        <translation>向量檔案 (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未儲存的變更</translation>
    </message>
    <message>
        <source>The map has changes that are not saved in a project. Save them?</source>
        <translation>地圖有尚未儲存至專案的變更。要儲存嗎？</translation>
    </message>
    <message>
        <source>Removed {layer} — Ctrl+Z to undo</source>
        <translation>已移除 {layer} — 按 Ctrl+Z 復原</translation>
    </message>
    <message>
        <source>Restored {layer}</source>
        <translation>已還原 {layer}</translation>
    </message>
</context>
<context>
    <name>QtLayerTimeSettings</name>
    <message>
        <source>No time</source>
        <translation>無時間</translation>
    </message>
    <message>
        <source>Single date field</source>
        <translation>單一日期欄位</translation>
    </message>
    <message>
        <source>Start and end fields</source>
        <translation>起始與結束欄位</translation>
    </message>
    <message>
        <source>Undated: show</source>
        <translation>無日期：顯示</translation>
    </message>
    <message>
        <source>Undated: hide</source>
        <translation>無日期：隱藏</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>圖層</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>end</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>{n} undated</source>
        <translation>{n} 筆無日期</translation>
    </message>
</context>
<context>
    <name>QtTimeController</name>
    <message>
        <source>Time filter</source>
        <translation>時間篩選</translation>
    </message>
    <message>
        <source>As of (cumulative)</source>
        <translation>截至（累計）</translation>
    </message>
    <message>
        <source>Window [T0, T1)</source>
        <translation>時間窗 [T0, T1)</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Source dates</source>
        <translation>來源日期</translation>
    </message>
    <message>
        <source>First year of the steps</source>
        <translation>時間間隔的起始年份</translation>
    </message>
    <message>
        <source>Last year of the steps</source>
        <translation>時間間隔的結束年份</translation>
    </message>
    <message>
        <source>End date inclusive</source>
        <translation>包含結束日期</translation>
    </message>
    <message>
        <source>Off: a feature ending in 2020 is gone as of 2020. On: still shown in 2020.</source>
        <translation>關閉：2020 年結束的圖徵截至 2020 年即不再顯示。開啟：2020 年仍會顯示。</translation>
    </message>
    <message>
        <source>First step (Home)</source>
        <translation>第一個時間間隔（Home）</translation>
    </message>
    <message>
        <source>Previous step (Left)</source>
        <translation>上一個時間間隔（左方向鍵）</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暫停（空白鍵）</translation>
    </message>
    <message>
        <source>Next step (Right)</source>
        <translation>下一個時間間隔（右方向鍵）</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>最後一個時間間隔（End）</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循環</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>all dates</source>
        <translation>所有日期</translation>
    </message>
    <message>
        <source>from</source>
        <translation>從</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>as of {date}</source>
        <translation>截至 {date}</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暫停</translation>
    </message>
</context>
<context>
    <name>QtTimelineHistogram</name>
    <message>
        <source>Features starting in each step, per layer. Click to jump there.</source>
        <translation>各圖層在每個時間間隔中開始的圖徵數。點擊可跳至該處。</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search features (Ctrl+F): name, 中文, pinyin, id, owner…</source>
        <extracomment>Results listed under the box. Zoom to a point result with a view at most this wide (degrees of longitude); a closer view stays.</extracomment>
        <translation>搜尋圖徵（Ctrl+F）：名稱、中文、拼音、ID、擁有者…</translation>
    </message>
    <message>
        <source>indexing {layers} …</source>
        <extracomment>layers whose index is being built</extracomment>
        <translation>正在建立索引：{layers} …</translation>
    </message>
    <message>
        <source>No feature matches “{query}”</source>
        <translation>沒有符合「{query}」的圖徵</translation>
    </message>
</context>
<context>
    <name>StyleDock</name>
    <message>
        <source>Single symbol</source>
        <extracomment>The renderers, as the code names them (the combo box&apos;s item data; its texts are translated). The &quot;no field&quot; item of the size-by and label combo boxes (shown translated; its data is None).</extracomment>
        <translation>單一符號</translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>分級</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>顏色…</translation>
    </message>
    <message>
        <source>quantiles</source>
        <translation>分位數</translation>
    </message>
    <message>
        <source>equal interval</source>
        <translation>等間距</translation>
    </message>
    <message>
        <source>natural breaks</source>
        <translation>自然斷點</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>產生類別</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>顏色</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Double-click a class to change its colour</source>
        <translation>按兩下類別可變更其顏色</translation>
    </message>
    <message>
        <source>Dashed lines</source>
        <translation>虛線</translation>
    </message>
    <message>
        <source>circle</source>
        <translation>圓形</translation>
    </message>
    <message>
        <source>square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>triangle</source>
        <translation>三角形</translation>
    </message>
    <message>
        <source>diamond</source>
        <translation>菱形</translation>
    </message>
    <message>
        <source>star</source>
        <translation>星形</translation>
    </message>
    <message>
        <source>White halo</source>
        <translation>白色光暈</translation>
    </message>
    <message>
        <source>Higher first: kept longest as the map zooms out</source>
        <translation>數值高者優先：地圖縮小時保留最久</translation>
    </message>
    <message>
        <source>Reset style</source>
        <translation>重設樣式</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>圖層</translation>
    </message>
    <message>
        <source>Renderer</source>
        <translation>呈現方式</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>調色盤</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Line width (px)</source>
        <translation>線寬（px）</translation>
    </message>
    <message>
        <source>Marker size (px)</source>
        <translation>標記大小（px）</translation>
    </message>
    <message>
        <source>Marker shape</source>
        <translation>標記形狀</translation>
    </message>
    <message>
        <source>max px</source>
        <translation>最大 px</translation>
    </message>
    <message>
        <source>Size by</source>
        <translation>大小依據</translation>
    </message>
    <message>
        <source>Fill opacity</source>
        <translation>填滿不透明度</translation>
    </message>
    <message>
        <source>Layer opacity</source>
        <translation>圖層不透明度</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>標註</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>標註</translation>
    </message>
    <message>
        <source>then (in brackets)</source>
        <translation>其次（置於括號內）</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>優先順序</translation>
    </message>
    <message>
        <source>Size (pt)</source>
        <translation>大小（pt）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <source>this layer has no attribute to classify by</source>
        <translation>此圖層沒有可用來分類的屬性</translation>
    </message>
    <message>
        <source>this layer has no numeric attribute</source>
        <translation>此圖層沒有數值屬性</translation>
    </message>
    <message>
        <source>Not classified: {error}</source>
        <translation>未分類：{error}</translation>
    </message>
    <message>
        <source>Layer colour</source>
        <translation>圖層顏色</translation>
    </message>
    <message>
        <source>Colour of {value}</source>
        <translation>{value} 的顏色</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>no attribute named {name}</source>
        <extracomment>Templates of the errors ``layers/`` raises with :meth:`~asean_atlas.layers.errors.AtlasError.of` (the attribute filter&apos;s; a test checks every ``FilterError.of`` template of layers/filter.py is here).</extracomment>
        <translation>沒有名為 {name} 的屬性</translation>
    </message>
    <message>
        <source>the expression is empty</source>
        <translation>運算式為空</translation>
    </message>
    <message>
        <source>the expression is longer than {n} characters</source>
        <translation>運算式超過 {n} 個字元</translation>
    </message>
    <message>
        <source>a back-quote (`) is not closed</source>
        <translation>反引號（`）未閉合</translation>
    </message>
    <message>
        <source>the expression has {n} conditions; at most {max} (each one scans the layer)</source>
        <translation>運算式有 {n} 個條件；最多 {max} 個（每個條件都會掃描整個圖層）</translation>
    </message>
    <message>
        <source>the expression is nested too deeply</source>
        <translation>運算式巢狀過深</translation>
    </message>
    <message>
        <source>the attribute name {name} is ambiguous (several columns match it)</source>
        <translation>屬性名稱 {name} 不明確（有多個欄位與之相符）</translation>
    </message>
    <message>
        <source>this part of the expression is not a condition</source>
        <translation>運算式的這一部分不是條件</translation>
    </message>
    <message>
        <source>an attribute name with a back-quote cannot be used in an expression: {name}</source>
        <translation>含反引號的屬性名稱不能用於運算式：{name}</translation>
    </message>
    <message>
        <source>unknown operator {name}</source>
        <translation>未知運算子 {name}</translation>
    </message>
    <message>
        <source>cannot read the expression: {error}</source>
        <translation>無法讀取運算式：{error}</translation>
    </message>
    <message>
        <source>syntax error (the expression ends too early): {error}</source>
        <translation>語法錯誤（運算式提前結束）：{error}</translation>
    </message>
    <message>
        <source>cannot read the expression ({error})</source>
        <translation>無法讀取運算式（{error}）</translation>
    </message>
    <message>
        <source>a comparison needs an attribute on one side</source>
        <translation>比較的一側必須是屬性</translation>
    </message>
    <message>
        <source>a list goes with in / not in: attribute in [value, value, …]</source>
        <translation>清單須與 in / not in 一起使用：attribute in [value, value, …]</translation>
    </message>
    <message>
        <source>compare null only with == or !=</source>
        <translation>null 只能用 == 或 != 比較</translation>
    </message>
    <message>
        <source>syntax error at column {column}: {error}</source>
        <translation>第 {column} 欄有語法錯誤：{error}</translation>
    </message>
    <message>
        <source>minus applies to numbers only</source>
        <translation>負號只能用於數字</translation>
    </message>
    <message>
        <source>year() takes an attribute</source>
        <translation>year() 需要一個屬性</translation>
    </message>
    <message>
        <source>{name} is not true/false; compare it with a value</source>
        <translation>{name} 不是 true/false；請將其與某個值比較</translation>
    </message>
    <message>
        <source>use: attribute in [value, value, …]</source>
        <translation>用法：attribute in [value, value, …]</translation>
    </message>
    <message>
        <source>cannot evaluate it on these attributes: {kind}: {error}</source>
        <translation>無法在這些屬性上求值：{kind}：{error}</translation>
    </message>
    <message>
        <source>cannot evaluate it on these attributes: {kind}</source>
        <translation>無法在這些屬性上求值：{kind}</translation>
    </message>
    <message>
        <source>only == != &lt; &lt;= &gt; &gt;= in and not in compare values</source>
        <translation>只有 == != &lt; &lt;= &gt; &gt;= in 和 not in 可以比較值</translation>
    </message>
    <message>
        <source>is_empty() takes an attribute</source>
        <translation>is_empty() 需要一個屬性</translation>
    </message>
    <message>
        <source>{name}() takes an attribute and a text</source>
        <translation>{name}() 需要一個屬性和一段文字</translation>
    </message>
    <message>
        <source>unknown function; available: {names}</source>
        <translation>未知函式；可用的有：{names}</translation>
    </message>
    <message>
        <source>{name}() takes {n} arguments</source>
        <translation>{name}() 需要 {n} 個參數</translation>
    </message>
    <message>
        <source>{name}() takes 1 argument</source>
        <translation>{name}() 需要 1 個參數</translation>
    </message>
    <message>
        <source>a list may hold only text and numbers</source>
        <translation>清單只能包含文字和數字</translation>
    </message>
    <message>
        <source>only text, numbers, true, false and null are values</source>
        <translation>只有文字、數字、true、false 和 null 是值</translation>
    </message>
    <message>
        <source>not allowed in a filter: {kind}</source>
        <translation>篩選中不允許：{kind}</translation>
    </message>
    <message>
        <source>{name} holds numbers: compare it with a number, not {value}</source>
        <translation>{name} 是數字：請與數字比較，而不是 {value}</translation>
    </message>
    <message>
        <source>unknown colour ramp {name}; choose from {names}</source>
        <extracomment>Templates of what ``layers/`` says about a file (issue 13): a :class:`~asean_atlas.layers.errors.Message` in a load report&apos;s warnings and notes, a ``LayerLoadError.of`` / ``CRSNeededError.of`` reason; the script names of the encoding guess (layers/encoding.py SCRIPT_NAMES); and the styling dock&apos;s ``StyleError.of`` (layers/classify.py). A test checks every literal template of layers/*.py is here.</extracomment>
        <translation>未知的色帶 {name}；可選：{names}</translation>
    </message>
    <message>
        <source>a ramp needs at least one class</source>
        <translation>色帶至少需要一個分類</translation>
    </message>
    <message>
        <source>unknown palette {name}; choose from {names}</source>
        <translation>未知的調色盤 {name}；可選：{names}</translation>
    </message>
    <message>
        <source>unknown classification {name}; choose from {names}</source>
        <translation>未知的分類方法 {name}；可選：{names}</translation>
    </message>
    <message>
        <source>choose 2 to 9 classes</source>
        <translation>請選擇 2 到 9 個分類</translation>
    </message>
    <message>
        <source>no numeric value to classify</source>
        <translation>沒有可分類的數值</translation>
    </message>
    <message>
        <source>the values span more than a float can hold; classify a smaller range</source>
        <translation>數值跨度超出浮點數的範圍；請對較小的範圍分類</translation>
    </message>
    <message>
        <source>cannot classify these values: {why}</source>
        <translation>無法對這些值分類：{why}</translation>
    </message>
    <message>
        <source>{reason}; they look like latitude, longitude in the wrong order (GeoJSON and this app expect longitude first): swap them</source>
        <translation>{reason}；它們看來是緯度、經度順序寫反了（GeoJSON 和本應用程式要求經度在前）：請交換</translation>
    </message>
    <message>
        <source>coordinates off the Earth: longitude beyond ±{limit:g}° or latitude beyond ±90° (e.g. {lon:.6g}, {lat:.6g})</source>
        <translation>座標不在地球上：經度超出 ±{limit:g}° 或緯度超出 ±90°（例如 {lon:.6g}, {lat:.6g}）</translation>
    </message>
    <message>
        <source>coordinates that look like longitude/latitude degrees although the file&apos;s CRS is {crs} (read so, they would lie within 540 units of its origin)</source>
        <translation>座標看似經緯度（度），但檔案的座標參考系統為 {crs}（按此讀取，它們會落在其原點 540 個單位之內）</translation>
    </message>
    <message>
        <source>{path} (layer {layer})</source>
        <translation>{path}（圖層 {layer}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>泰文</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>越南文</translation>
    </message>
    <message>
        <source>Western European</source>
        <translation>西歐文字</translation>
    </message>
    <message>
        <source>reopened from the GeoParquet cache</source>
        <translation>從 GeoParquet 快取重新開啟</translation>
    </message>
    <message>
        <source>{encoding} (detected)</source>
        <translation>{encoding}（自動偵測）</translation>
    </message>
    <message>
        <source>{encoding} (chosen)</source>
        <translation>{encoding}（已選擇）</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8（帶 BOM）</translation>
    </message>
    <message>
        <source>UTF-16 (byte-order mark)</source>
        <translation>UTF-16（位元組順序標記）</translation>
    </message>
    <message>
        <source>text plausible as {script}: {score:.0%} of {n} non-ASCII characters</source>
        <translation>{n} 個非 ASCII 字元中 {score:.0%} 符合{script}</translation>
    </message>
    <message>
        <source>starts with a UTF-8 byte-order mark but is not UTF-8 text</source>
        <translation>以 UTF-8 位元組順序標記開頭，但不是 UTF-8 文字</translation>
    </message>
    <message>
        <source>is neither UTF-8 nor an encoding that could be detected; choose the encoding</source>
        <translation>既不是 UTF-8，也不是可偵測出的編碼；請選擇編碼</translation>
    </message>
    <message>
        <source>unknown text encoding {name}</source>
        <translation>未知的文字編碼 {name}</translation>
    </message>
    <message>
        <source>could not be read: {detail}</source>
        <translation>無法讀取：{detail}</translation>
    </message>
    <message>
        <source>feature {n}</source>
        <translation>第 {n} 個圖徵</translation>
    </message>
    <message>
        <source>{features}</source>
        <translation>{features}</translation>
    </message>
    <message>
        <source>says its CRS is {crs} ({units}) but {who} coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) that look like longitude/latitude degrees; read as {crs} they would all fall within {spread:.0f} {units} of one spot. If they are degrees, choose EPSG:4326 (on the command line: --crs EPSG:4326); otherwise choose the CRS they are in</source>
        <translation>宣告其座標參考系統為 {crs}（{units}），但{who}看似經緯度（度）的座標（x {w:.6g}..{e:.6g}，y {s:.6g}..{n:.6g}）；按 {crs} 讀取，它們全都會落在一點周圍 {spread:.0f} {units} 之內。如果這些是度，請選擇 EPSG:4326（命令列：--crs EPSG:4326）；否則請選擇它們所用的座標參考系統</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到檔案</translation>
    </message>
    <message>
        <source>is not a regular file (a pipe, a device or a socket)</source>
        <translation>不是普通檔案（而是管道、裝置或套接字）</translation>
    </message>
    <message>
        <source>would expand from {packed} to {expanded} ({ratio:,.0f} times): refused as a likely zip bomb; if you trust it, unzip it yourself and open the file inside</source>
        <translation>解壓後會從 {packed} 膨脹到 {expanded}（{ratio:,.0f} 倍）：疑似壓縮炸彈，已拒絕；如果信任它，請自行解壓並開啟其中的檔案</translation>
    </message>
    <message>
        <source>is a damaged zip archive: {member} fails its checksum</source>
        <translation>是損壞的 zip 壓縮檔：{member} 校驗和不符</translation>
    </message>
    <message>
        <source>not a readable vector file (GDAL could not recognise the format)</source>
        <translation>不是可讀取的向量檔案（GDAL 無法識別其格式）</translation>
    </message>
    <message>
        <source>holds a value too long for GDAL&apos;s JSON reader (over ~10 million characters): {detail}</source>
        <translation>含有對 GDAL 的 JSON 讀取器來說過長的值（約超過 1000 萬字符）：{detail}</translation>
    </message>
    <message>
        <source>{features} not drawn, {why}: {named}</source>
        <translation>{features}未繪製，原因是{why}：{named}</translation>
    </message>
    <message>
        <source>1 feature</source>
        <translation>1 個圖徵</translation>
    </message>
    <message>
        <source>{n} features</source>
        <translation>{n} 個圖徵</translation>
    </message>
    <message>
        <source>{features} and {n} more</source>
        <translation>{features}，另有 {n} 個</translation>
    </message>
    <message>
        <source>{n} of {total} features have</source>
        <translation>{total} 個圖徵中有 {n} 個帶有</translation>
    </message>
    <message>
        <source>its features have</source>
        <translation>其圖徵帶有</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>檔案為空（0 位元組）</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>是資料夾，不是檔案</translation>
    </message>
    <message>
        <source>geometry collections nested more than {n} deep</source>
        <translation>幾何集合巢狀超過 {n} 層</translation>
    </message>
    <message>
        <source>coordinates that are not numbers (NaN or Infinity)</source>
        <translation>座標不是數字（NaN 或無窮大）</translation>
    </message>
    <message>
        <source>{crs} (chosen)</source>
        <translation>{crs}（已選擇）</translation>
    </message>
    <message>
        <source>has no layer {name}; its layers are: {names}</source>
        <translation>沒有圖層 {name}；其圖層為：{names}</translation>
    </message>
    <message>
        <source>has no geometry</source>
        <translation>沒有幾何</translation>
    </message>
    <message>
        <source>1 coordinate value that is not a number</source>
        <translation>1 個不是數字的座標值</translation>
    </message>
    <message>
        <source>{n} coordinate values that are not numbers</source>
        <translation>{n} 個不是數字的座標值</translation>
    </message>
    <message>
        <source>its .dbf (attribute table) ends after {records} of {total} records (the file is cut short?): {features} loaded without attributes</source>
        <translation>其 .dbf（屬性表）在 {total} 條記錄中的第 {records} 條後結束（檔案被截斷？）：{features}已載入但沒有屬性</translation>
    </message>
    <message>
        <source>has {n:,} attributes, more than the {max:,} the Atlas reads</source>
        <translation>有 {n:,} 個屬性，超過本地圖集可讀取的 {max:,} 個</translation>
    </message>
    <message>
        <source>holds more than {max:,} attribute values</source>
        <translation>含有超過 {max:,} 個屬性值</translation>
    </message>
    <message>
        <source>holds a view (a stored SQL query), {name}, which the Atlas does not run; export the view as a table (e.g. in QGIS or with ogr2ogr) and open that</source>
        <translation>含有一個檢視（儲存的 SQL 查詢）{name}，本地圖集不會執行它；請把該檢視匯出為表格（例如用 QGIS 或 ogr2ogr）再開啟</translation>
    </message>
    <message>
        <source>is an SQLite database that cannot be read: {detail}</source>
        <translation>是無法讀取的 SQLite 資料庫：{detail}</translation>
    </message>
    <message>
        <source>has a generated column {column} in {table} (SQL the database runs on every row read), which the Atlas does not run; save the layer without it (e.g. in QGIS or with ogr2ogr) and open that</source>
        <translation>在 {table} 中有一個產生欄位 {column}（資料庫在讀取每一列時都會執行的 SQL），本地圖集不會執行它；請不含該欄位另存圖層（例如用 QGIS 或 ogr2ogr）再開啟</translation>
    </message>
    <message>
        <source>holds {name}, which is not a regular file (a pipe, a device or a socket) and would block reading the folder</source>
        <translation>包含 {name}，它不是一般檔案（而是管道、裝置或通訊端），會使讀取該資料夾一直阻塞</translation>
    </message>
    <message>
        <source>has unfinished changes beside it ({name}) that cannot be checked read-only; open it once in QGIS or SQLite to finish them</source>
        <translation>旁邊有無法以唯讀方式檢查的未完成變更（{name}）；請先在 QGIS 或 SQLite 中開啟一次以完成這些變更</translation>
    </message>
    <message>
        <source>is an SQLite or SpatiaLite database, which the Atlas does not open (its tables can run stored SQL and read other files); save the layer as a GeoPackage (e.g. in QGIS or with ogr2ogr) and open that</source>
        <translation>是 SQLite 或 SpatiaLite 資料庫，本地圖集不開啟此類檔案（其中的表格可以執行儲存的 SQL 並讀取其他檔案）；請把圖層另存為 GeoPackage（例如用 QGIS 或 ogr2ogr）再開啟</translation>
    </message>
    <message>
        <source>holds a virtual table {name} (module {module}) that would read other files or run code; the Atlas opens GeoPackages of plain tables only</source>
        <translation>含有虛擬表格 {name}（模組 {module}），它會讀取其他檔案或執行程式碼；本地圖集只開啟由一般表格組成的 GeoPackage</translation>
    </message>
    <message>
        <source>has a companion file {name} that is not a regular file (a pipe, a device or a socket), which would block reading it</source>
        <translation>有一個附屬檔案 {name} 不是一般檔案（而是管道、裝置或通訊端），讀取它會一直阻塞</translation>
    </message>
    <message>
        <source>holds a GeoPackage or SQLite database ({member}); unzip it and open the file inside</source>
        <translation>包含 GeoPackage 或 SQLite 資料庫（{member}）；請先解壓縮，再開啟其中的檔案</translation>
    </message>
    <message>
        <source>holds geometry collections nested more than {n} deep; refused</source>
        <translation>含有巢狀超過 {n} 層的幾何集合；已拒絕</translation>
    </message>
    <message>
        <source>{features} with longitudes beyond ±180° (x {w:.6g}..{e:.6g}) moved by 360° into -180..180: {named}</source>
        <translation>{features}的經度超出 ±180°（x {w:.6g}..{e:.6g}），已平移 360° 到 -180..180 之內：{named}</translation>
    </message>
    <message>
        <source>they have no date (undated features are shown at every date)</source>
        <translation>它們沒有日期（無日期的圖徵在每個日期都顯示）</translation>
    </message>
    <message>
        <source>they have no date (undated features are hidden)</source>
        <translation>它們沒有日期（無日期的圖徵被隱藏）</translation>
    </message>
    <message>
        <source>cannot be read: {detail}</source>
        <translation>無法讀取：{detail}</translation>
    </message>
    <message>
        <source>is a damaged zip archive ({detail})</source>
        <translation>是損壞的 zip 壓縮檔（{detail}）</translation>
    </message>
    <message>
        <source>text that is not valid UTF-8 shown with � in {fields}: the file&apos;s encoding may be wrong (choose it: --encoding, or Add layer &gt; options)</source>
        <translation>{fields} 中不是有效 UTF-8 的文字以 � 顯示：檔案的編碼可能有誤（請選擇編碼：--encoding，或「新增圖層」&gt;選項）</translation>
    </message>
    <message>
        <source>its attribute names are not valid UTF-8: the file&apos;s encoding may be wrong (choose it: --encoding, or Add layer &gt; options)</source>
        <translation>其屬性名不是有效的 UTF-8：檔案的編碼可能有誤（請選擇編碼：--encoding，或「新增圖層」&gt;選項）</translation>
    </message>
    <message>
        <source>is damaged: its header does not match its contents</source>
        <translation>已損壞：檔案頭與內容不符</translation>
    </message>
    <message>
        <source>text is not UTF-8; choose its encoding</source>
        <translation>文字不是 UTF-8；請選擇其編碼</translation>
    </message>
    <message>
        <source>refers to other files or to the network (a GDAL VRT, GDALG or web-service description), which the Atlas does not follow</source>
        <translation>引用了其他檔案或網路（GDAL VRT、GDALG 或網路服務描述），本地圖集不會跟隨</translation>
    </message>
    <message>
        <source>is a web page (HTML), not a data file: it was probably saved from a browser or is an error page; download the file itself</source>
        <translation>是網頁（HTML），不是資料檔案：它可能是從瀏覽器儲存的，或是一個錯誤頁面；請下載檔案本身</translation>
    </message>
    <message>
        <source>attribute &apos;geometry&apos; renamed &apos;geometry_attribute&apos;</source>
        <translation>屬性 &apos;geometry&apos; 已重新命名為 &apos;geometry_attribute&apos;</translation>
    </message>
    <message>
        <source>{features} without geometry (null, empty, or coordinates that are not numbers), kept with their attributes, not drawn: {named}</source>
        <translation>{features}沒有幾何（空值、空幾何或座標不是數字），保留其屬性，不繪製：{named}</translation>
    </message>
    <message>
        <source>none (taken as EPSG:4326)</source>
        <translation>無（按 EPSG:4326 處理）</translation>
    </message>
    <message>
        <source>coordinates do not fall on the Earth when read as {crs}; choose the right CRS</source>
        <translation>按 {crs} 讀取時座標不在地球上；請選擇正確的座標參考系統</translation>
    </message>
    <message>
        <source>coordinates that do not fall on the Earth in {crs}</source>
        <translation>座標在 {crs} 中不在地球上</translation>
    </message>
    <message>
        <source>{features} with invalid geometry (e.g. self-intersecting) not repaired, drawn as read: repairing would pass the budget (over {crossings:,} self-intersections, {seconds:g} s or {gb:g} GB); fills and areas may be wrong: {named}</source>
        <translation>{features}的幾何無效（例如自相交），未修復，按讀取原樣繪製：修復會超出預算（超過 {crossings:,} 處自相交、{seconds:g} 秒或 {gb:g} GB）；填充和面積可能有誤：{named}</translation>
    </message>
    <message>
        <source>{features} not drawn, invalid geometry GEOS could not repair: {named}</source>
        <translation>{features}未繪製，GEOS 無法修復其無效幾何：{named}</translation>
    </message>
    <message>
        <source>Z values kept in the data ({n} features), drawn in 2D</source>
        <translation>資料中保留了 Z 值（{n} 個圖徵），按二維繪製</translation>
    </message>
    <message>
        <source>no features (an empty layer)</source>
        <translation>沒有圖徵（空圖層）</translation>
    </message>
    <message>
        <source>contains no layers</source>
        <translation>不含任何圖層</translation>
    </message>
    <message>
        <source>{n} layers in the file ({names}), read {name}</source>
        <translation>檔案中有 {n} 個圖層（{names}），已讀取 {name}</translation>
    </message>
    <message>
        <source>has no geometry (for CSV: no lon/lat or WKT column found among: {columns})</source>
        <translation>沒有幾何（CSV：在以下列中找不到經緯度或 WKT 列：{columns}）</translation>
    </message>
    <message>
        <source>{n} of its {total} lines are not GeoJSON features (not JSON, or cut short) and were skipped: line {lines}</source>
        <translation>{total} 行中有 {n} 行不是 GeoJSON 圖徵（不是 JSON 或被截斷），已跳過：第 {lines} 行</translation>
    </message>
    <message>
        <source>{n} of its {total} lines are not GeoJSON features (not JSON, or cut short) and were skipped</source>
        <translation>{total} 行中有 {n} 行不是 GeoJSON 圖徵（不是 JSON 或被截斷），已跳過</translation>
    </message>
    <message>
        <source>{values} ({shown}): GDAL reads them leniently (as the number they start with, or 0), so those features may be drawn in the wrong place</source>
        <translation>{values}（{shown}）：GDAL 會寬鬆地讀取它們（取開頭的數字或 0），這些圖徵可能畫在錯誤的位置</translation>
    </message>
    <message>
        <source>has no .dbf (its attribute table): the features are loaded without attributes</source>
        <translation>沒有 .dbf（屬性表）：圖徵已載入但沒有屬性</translation>
    </message>
    <message>
        <source>its .dbf (attribute table) is empty or damaged: the features are loaded without attributes</source>
        <translation>其 .dbf（屬性表）為空或已損壞：圖徵已載入但沒有屬性</translation>
    </message>
    <message>
        <source>its .dbf (attribute table) says each record is {record} bytes but its fields add up to {fields}: the attributes may be garbled</source>
        <translation>其 .dbf（屬性表）宣告每條記錄 {record} 位元組，但各欄位合計 {fields} 位元組：屬性可能是亂碼</translation>
    </message>
    <message>
        <source>its .shx (the index of its shapes) lists {shapes} shapes but its .dbf holds {records} records: {missing} features may be missing (the .shx cut short?); GDAL can rebuild the index: ogr2ogr -oo SHAPE_RESTORE_SHX=YES</source>
        <translation>其 .shx（形狀索引）列出 {shapes} 個形狀，但其 .dbf 有 {records} 條記錄：可能缺少 {missing} 個圖徵（.shx 被截斷？）；GDAL 可以重建索引：ogr2ogr -oo SHAPE_RESTORE_SHX=YES</translation>
    </message>
    <message>
        <source>its .dbf (attribute table) holds {records} records but its .shx indexes {shapes} shapes: {missing} features not loaded (the .dbf is cut short?)</source>
        <translation>其 .dbf（屬性表）有 {records} 條記錄，但其 .shx 索引了 {shapes} 個形狀：{missing} 個圖徵未載入（.dbf 被截斷？）</translation>
    </message>
    <message>
        <source>is nested too deeply for a JSON reader</source>
        <translation>巢狀過深，JSON 讀取器無法讀取</translation>
    </message>
    <message>
        <source>read with Python&apos;s JSON reader: more than {n} distinct property names (GDAL&apos;s reader slows down with each one)</source>
        <translation>用 Python 的 JSON 讀取器讀取：不同的屬性名超過 {n} 個（GDAL 的讀取器每多一個就更慢）</translation>
    </message>
    <message>
        <source>read with Python&apos;s JSON reader: GDAL&apos;s stops at values over 10 million characters and at numbers beyond the range of a double</source>
        <translation>用 Python 的 JSON 讀取器讀取：GDAL 的讀取器遇到超過 1000 萬字符的值或超出雙精度範圍的數字會停止</translation>
    </message>
    <message>
        <source>1 number beyond the range of a double (e.g. {example}) read as 0 or infinity</source>
        <translation>1 個數字超出雙精度範圍（例如 {example}），讀作 0 或無窮大</translation>
    </message>
    <message>
        <source>{n} numbers beyond the range of a double (e.g. {example}) read as 0 or infinity</source>
        <translation>{n} 個數字超出雙精度範圍（例如 {example}），讀作 0 或無窮大</translation>
    </message>
    <message>
        <source>reading GeoParquet needs the pyarrow package</source>
        <translation>讀取 GeoParquet 需要 pyarrow 套件</translation>
    </message>
    <message>
        <source>attribute names repeated in the file, renamed: {names}</source>
        <translation>檔案中有重複的屬性名，已重新命名：{names}</translation>
    </message>
    <message>
        <source>{n} features without a date</source>
        <translation>{n} 個圖徵沒有日期</translation>
    </message>
    <message>
        <source>1 feature without a date</source>
        <translation>1 個圖徵沒有日期</translation>
    </message>
    <message>
        <source>they never end</source>
        <translation>它們永不結束</translation>
    </message>
    <message>
        <source>feature {n} ({name})</source>
        <translation>第 {n} 個圖徵（{name}）</translation>
    </message>
    <message>
        <source>{n} unclosed rings closed</source>
        <translation>已閉合 {n} 個未閉合的環</translation>
    </message>
    <message>
        <source>{n} geometries unreadable (too few points), kept without geometry</source>
        <translation>{n} 個幾何無法讀取（點數太少），保留為無幾何</translation>
    </message>
    <message>
        <source>unknown CRS {crs}</source>
        <translation>未知的座標參考系統 {crs}</translation>
    </message>
    <message>
        <source>cannot transform from {crs}: {why}</source>
        <translation>無法從 {crs} 轉換：{why}</translation>
    </message>
    <message>
        <source>{features} whose polygon collapsed to a line or a point when repaired (too few distinct points for an area): {named}</source>
        <translation>{features}的多邊形在修復時退化為線或點（不同的點太少，構不成面積）：{named}</translation>
    </message>
    <message>
        <source>many distinct property names (read with Python&apos;s JSON reader)</source>
        <translation>不同的屬性名很多（用 Python 的 JSON 讀取器讀取）</translation>
    </message>
    <message>
        <source>its .dbf marks 1 record as deleted: that feature is not loaded (as GDAL and QGIS do)</source>
        <translation>其 .dbf 把 1 條記錄標記為已刪除：該圖徵未載入（與 GDAL 和 QGIS 一致）</translation>
    </message>
    <message>
        <source>its .dbf marks {n} records as deleted: those features are not loaded (as GDAL and QGIS do)</source>
        <translation>其 .dbf 把 {n} 條記錄標記為已刪除：這些圖徵未載入（與 GDAL 和 QGIS 一致）</translation>
    </message>
    <message>
        <source>is not GeoJSON (no FeatureCollection, Feature or geometry at its top level)</source>
        <translation>不是 GeoJSON（頂層沒有 FeatureCollection、Feature 或幾何）</translation>
    </message>
    <message>
        <source>has the column {name} more than once; rename one so the coordinates are unambiguous</source>
        <translation>列 {name} 出現不止一次；請重新命名其中之一，使座標沒有歧義</translation>
    </message>
    <message>
        <source>is a Parquet file without GeoParquet metadata (no geometry column)</source>
        <translation>是沒有 GeoParquet 後設資料的 Parquet 檔案（沒有幾何列）</translation>
    </message>
    <message>
        <source>its latitude and longitude columns hold each other&apos;s values (most latitudes beyond ±90°): swapped back</source>
        <translation>其緯度列和經度列的值互換了（多數緯度超出 ±90°）：已換回</translation>
    </message>
    <message>
        <source>while reading: {text}</source>
        <translation>讀取時：{text}</translation>
    </message>
    <message>
        <source>{features} whose {field} is not a date ({examples}): {what}</source>
        <translation>{features}的 {field} 不是日期（{examples}）：{what}</translation>
    </message>
    <message>
        <source>has no CRS and its coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) are not longitude/latitude; choose the CRS (e.g. EPSG:32647) or save the file with one</source>
        <translation>沒有座標參考系統，且其座標（x {w:.6g}..{e:.6g}，y {s:.6g}..{n:.6g}）不是經緯度；請選擇座標參考系統（例如 EPSG:32647），或儲存帶座標參考系統的檔案</translation>
    </message>
    <message>
        <source>its .prj could not be read (GDAL ignored it): coordinates taken as longitude/latitude (EPSG:4326); if they are not, choose the CRS</source>
        <translation>其 .prj 無法讀取（GDAL 忽略了它）：座標按經緯度（EPSG:4326）處理；如果不是，請選擇座標參考系統</translation>
    </message>
    <message>
        <source>names a CRS that cannot be read ({why}); choose the CRS of the coordinates</source>
        <translation>指定的座標參考系統無法讀取（{why}）；請選擇座標所用的座標參考系統</translation>
    </message>
    <message>
        <source> (GeoJSON is always lon/lat, RFC 7946)</source>
        <translation>（GeoJSON 總是經緯度，RFC 7946）</translation>
    </message>
    <message>
        <source>text encoding: {why}</source>
        <translation>文字編碼：{why}</translation>
    </message>
    <message>
        <source>ran out of memory while loading: keep the features and attributes you need (e.g. ogr2ogr -spat/-select) and open that</source>
        <translation>載入時記憶體不足：請只保留需要的圖徵和屬性（例如 ogr2ogr -spat/-select）再開啟</translation>
    </message>
    <message>
        <source>has {n:,} attributes, more than the {max:,} the Atlas reads (a file whose features each have their own property names?)</source>
        <translation>有 {n:,} 個屬性，超過本地圖集可讀取的 {max:,} 個（每個圖徵都有各自屬性名的檔案？）</translation>
    </message>
    <message>
        <source>says its CRS is {crs}{implied} but its coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) are not longitude/latitude; choose the CRS they are in (e.g. EPSG:32647)</source>
        <translation>宣告其座標參考系統為 {crs}{implied}，但其座標（x {w:.6g}..{e:.6g}，y {s:.6g}..{n:.6g}）不是經緯度；請選擇它們所用的座標參考系統（例如 EPSG:32647）</translation>
    </message>
    <message>
        <source>text is not {codec}: {why}</source>
        <translation>文字不是 {codec}：{why}</translation>
    </message>
    <message>
        <source>would need about {need} of memory or more ({done:,} features read so far) and {free} is free; close other programs, or keep the features and attributes you need (e.g. ogr2ogr -spat/-select) and open that</source>
        <translation>需要約 {need} 或更多記憶體（目前已讀取 {done:,} 個圖徵），而可用記憶體為 {free}；請關閉其他程式，或只保留需要的圖徵和屬性（例如 ogr2ogr -spat/-select）再開啟</translation>
    </message>
    <message>
        <source>holds more than {max:,} attribute values ({done:,} features x {n:,} attributes read so far); keep the attributes you need (e.g. ogr2ogr -select) and open that</source>
        <translation>含有超過 {max:,} 個屬性值（目前已讀取 {done:,} 個圖徵 × {n:,} 個屬性）；請只保留需要的屬性（例如 ogr2ogr -select）再開啟</translation>
    </message>
    <message>
        <source>{spec} is neither a named area ({names}) nor a file</source>
        <extracomment>Templates of the connectivity analysis&apos; errors (``AnalysisError.of``, layers/connectivity.py and the Connectivity panel; issue 14).</extracomment>
        <translation>{spec} 既不是命名區域（{names}），也不是檔案</translation>
    </message>
    <message>
        <source>{spec}: no polygon to cut with</source>
        <translation>{spec}：沒有可用於切斷的多邊形</translation>
    </message>
    <message>
        <source>the scenario is not an object</source>
        <translation>情境不是一個物件</translation>
    </message>
    <message>
        <source>pairs: expected up to {n} pairs of ISO alpha-3 codes</source>
        <translation>國家/地區對：應為最多 {n} 對 ISO alpha-3 代碼</translation>
    </message>
    <message>
        <source>no cable layer (a layer with the attribute &apos;landing_station_ids&apos;) on the map</source>
        <translation>地圖上沒有海纜圖層（含屬性 &apos;landing_station_ids&apos; 的圖層）</translation>
    </message>
    <message>
        <source>no landing-station layer (points with the attributes &apos;id&apos; and &apos;country&apos;) on the map</source>
        <translation>地圖上沒有登陸站圖層（含屬性 &apos;id&apos; 和 &apos;country&apos; 的點）</translation>
    </message>
    <message>
        <source>the cut area is not a polygon</source>
        <translation>切斷區域不是多邊形</translation>
    </message>
    <message>
        <source>no cable with id {ids}</source>
        <translation>沒有 id 為 {ids} 的海纜</translation>
    </message>
    <message>
        <source>no landing station with id {ids}</source>
        <translation>沒有 id 為 {ids} 的登陸站</translation>
    </message>
    <message>
        <source>{key}: expected a list of ids</source>
        <translation>{key}：應為 id 清單</translation>
    </message>
    <message>
        <source>unknown area {name}</source>
        <translation>未知區域 {name}</translation>
    </message>
    <message>
        <source>since: expected a year</source>
        <translation>對比年份：應為年份</translation>
    </message>
    <message>
        <source>the cut area is not a list of 3 to {n} [lon, lat] points</source>
        <translation>切斷區域不是 3 到 {n} 個 [經度, 緯度] 點的清單</translation>
    </message>
    <message>
        <source>the cut area&apos;s file is not a path</source>
        <translation>切斷區域的檔案不是路徑</translation>
    </message>
    <message>
        <source>the cut area is neither a preset, a polygon nor a file</source>
        <translation>切斷區域既不是預設、多邊形，也不是檔案</translation>
    </message>
    <message>
        <source>nothing to export: no cable network on the map</source>
        <translation>沒有可匯出的內容：地圖上沒有海纜網路</translation>
    </message>
    <message>
        <source>the cable layer has no attribute {names}</source>
        <translation>海纜圖層沒有屬性 {names}</translation>
    </message>
    <message>
        <source>the landing-station layer has no attribute {names}</source>
        <translation>登陸站圖層沒有屬性 {names}</translation>
    </message>
    <message>
        <source>{table}: no geometry column {column}</source>
        <extracomment>Templates of the PostGIS layers&apos; errors (``PostGISError.of``, layers/postgis.py; issue 15).</extracomment>
        <translation>{table}：沒有幾何欄位 {column}</translation>
    </message>
    <message>
        <source>{table}: no such table with a geometry column</source>
        <translation>{table}：沒有這個含幾何欄位的資料表</translation>
    </message>
    <message>
        <source>a table needs a schema and a name</source>
        <translation>資料表需要綱要名稱和資料表名稱</translation>
    </message>
    <message>
        <source>not a PostGIS source (postgresql://…?table=schema.name)</source>
        <translation>不是 PostGIS 資料來源（postgresql://…?table=schema.name）</translation>
    </message>
    <message>
        <source>{source}: no table (add ?table=schema.name)</source>
        <translation>{source}：未指定資料表（請加上 ?table=schema.name）</translation>
    </message>
    <message>
        <source>cannot connect to {source}: {why}</source>
        <translation>無法連線 {source}：{why}</translation>
    </message>
    <message>
        <source>{source}: not a connection string libpq reads ({why})</source>
        <translation>{source}：不是 libpq 能讀取的連線字串（{why}）</translation>
    </message>
    <message>
        <source>{source}: a project file may not set {names} (it could send your saved password to another server or read your files); if you trust it, add the layer yourself</source>
        <translation>{source}：專案檔不得設定 {names}（它可能把您儲存的密碼傳送到其他伺服器，或讀取您的檔案）；如果您信任它，請自行加入該圖層</translation>
    </message>
    <message>
        <source>{table}: permission denied (ask the database&apos;s owner for SELECT on it)</source>
        <translation>{table}：權限不足（請向資料庫擁有者申請該表的 SELECT 權限）</translation>
    </message>
    <message>
        <source>{table}: {why}</source>
        <translation>{table}：{why}</translation>
    </message>
    <message>
        <source>{table} exists already (use --replace to write over it)</source>
        <translation>{table} 已存在（使用 --replace 覆寫）</translation>
    </message>
    <message>
        <source>{table}: permission denied (the user may not create tables in {schema}, or does not own the table it would replace)</source>
        <translation>{table}：權限不足（該使用者不能在 {schema} 中建立資料表，或不擁有要取代的資料表）</translation>
    </message>
    <message>
        <source>{source}: no PostGIS here ({why})</source>
        <translation>{source}：這裡沒有 PostGIS（{why}）</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>No installed font can draw {script} text ({chars} in the label {text}): labels in it show as boxes. Install its font (Debian/Ubuntu: apt install {package}).</source>
        <extracomment>Font families, in order; Qt falls back along the list (and then to fontconfig) per glyph. At most this many label candidates per frame (the highest priorities first). Point layers with more markers than this in view are not entered as obstacles (too dense to keep labels off them anyway; placement stays fast). Scripts whose fonts a Debian/Ubuntu user installs from one package (issue 13 item 6): the first word of the characters&apos; Unicode names -&gt; (the script&apos;s name, the package).</extracomment>
        <translation>未安裝可顯示{script}文字的字型（標註 {text} 中的 {chars}）：這些標註顯示為方框。請安裝對應字型（Debian/Ubuntu：apt install {package}）。</translation>
    </message>
    <message>
        <source>No installed font can draw {chars} in the label {text}: it shows as boxes. Install a font for that script (Debian: fonts-noto-core, fonts-noto-cjk).</source>
        <translation>沒有已安裝的字型能繪製標籤 {text} 中的 {chars}：它們會顯示為方框。請安裝該文字的字型（Debian：fonts-noto-core、fonts-noto-cjk）。</translation>
    </message>
    <message>
        <source>Chinese, Japanese or Korean</source>
        <extracomment>Label texts checked for missing glyphs per call (:func:`font_warnings`).</extracomment>
        <translation>中日韓</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日文</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韓文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>泰文</translation>
    </message>
    <message>
        <source>Lao</source>
        <translation>寮文</translation>
    </message>
    <message>
        <source>Khmer</source>
        <translation>高棉文</translation>
    </message>
    <message>
        <source>Burmese</source>
        <translation>緬甸文</translation>
    </message>
    <message>
        <source>Tibetan</source>
        <translation>藏文</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>孟加拉文</translation>
    </message>
    <message>
        <source>Devanagari</source>
        <translation>天城文</translation>
    </message>
    <message>
        <source>Tamil</source>
        <translation>坦米爾文</translation>
    </message>
    <message>
        <source>Sinhala</source>
        <translation>僧伽羅文</translation>
    </message>
    <message>
        <source>Javanese</source>
        <translation>爪哇文</translation>
    </message>
    <message>
        <source>Balinese</source>
        <translation>峇里文</translation>
    </message>
    <message>
        <source>Tagalog</source>
        <translation>塔加洛文</translation>
    </message>
</context>
<context>
    <name>layers</name>
    <message>
        <source>{lon}° E, {lat}° N</source>
        <extracomment>Every template the ``layers/`` functions pass to ``tr``.</extracomment>
        <translation>東經 {lon}°，北緯 {lat}°</translation>
    </message>
    <message>
        <source>{lon}° E, {lat}° S</source>
        <translation>東經 {lon}°，南緯 {lat}°</translation>
    </message>
    <message>
        <source>{lon}° W, {lat}° N</source>
        <translation>西經 {lon}°，北緯 {lat}°</translation>
    </message>
    <message>
        <source>{lon}° W, {lat}° S</source>
        <translation>西經 {lon}°，南緯 {lat}°</translation>
    </message>
    <message>
        <source>clicked at</source>
        <translation>點擊位置</translation>
    </message>
    <message>
        <source>feature at</source>
        <translation>圖徵位置</translation>
    </message>
    <message>
        <source>length (geodesic)</source>
        <translation>長度（測地線）</translation>
    </message>
    <message>
        <source>area (geodesic)</source>
        <translation>面積（測地線）</translation>
    </message>
    <message>
        <source>perimeter (geodesic)</source>
        <translation>周長（測地線）</translation>
    </message>
    <message>
        <source>distance from click</source>
        <translation>距點擊位置</translation>
    </message>
    <message>
        <source>{n} km</source>
        <translation>{n} 公里</translation>
    </message>
    <message>
        <source>{n} km²</source>
        <translation>{n} 平方公里</translation>
    </message>
    <message>
        <source>feature {row}</source>
        <translation>圖徵 {row}</translation>
    </message>
    <message>
        <source>RFS {year}</source>
        <translation>{year}年啟用</translation>
    </message>
    <message>
        <source>not yet in service (expected {date})</source>
        <translation>尚未啟用（預計 {date}）</translation>
    </message>
    <message>
        <source>not yet in service</source>
        <translation>尚未啟用</translation>
    </message>
    <message>
        <source>suppliers: {list}</source>
        <translation>供應商：{list}</translation>
    </message>
    <message>
        <source>owners: {list}</source>
        <translation>擁有者：{list}</translation>
    </message>
    <message>
        <source>1 feature read</source>
        <translation>讀取 1 個圖徵</translation>
    </message>
    <message>
        <source>{n} features read</source>
        <translation>讀取 {n} 個圖徵</translation>
    </message>
    <message>
        <source>{n} drawn</source>
        <translation>繪製 {n} 個</translation>
    </message>
    <message>
        <source>{n} without geometry</source>
        <translation>{n} 個無幾何</translation>
    </message>
    <message>
        <source>{n} dropped (not geography)</source>
        <translation>{n} 個已捨棄（非地理座標）</translation>
    </message>
    <message>
        <source>{n} repaired</source>
        <translation>{n} 個已修復</translation>
    </message>
    <message>
        <source>{n} invalid, drawn as read</source>
        <translation>{n} 個無效，依原樣繪製</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{n} split at the antimeridian</source>
        <translation>{n} 個在 180° 經線處拆分</translation>
    </message>
    <message>
        <source>{n} skipped</source>
        <translation>{n} 個已略過</translation>
    </message>
    <message>
        <source>CRS {crs}</source>
        <translation>座標參考系統：{crs}</translation>
    </message>
    <message>
        <source>encoding {encoding}</source>
        <translation>編碼：{encoding}</translation>
    </message>
    <message>
        <source>time field {field}</source>
        <translation>時間欄位：{field}</translation>
    </message>
    <message>
        <source>warning: {text}</source>
        <translation>警告：{text}</translation>
    </message>
</context>
<context>
    <name>panels</name>
    <message>
        <source>feature {row}</source>
        <extracomment>Longest attribute value the Attributes panel shows, characters.</extracomment>
        <translation>圖徵 {row}</translation>
    </message>
</context>
<context>
    <name>projects</name>
    <message>
        <source>ASEAN Digital Atlas projects (*{suffix})</source>
        <extracomment>Autosave interval while there are unsaved changes, ms (``ATLAS_AUTOSAVE_MS`` overrides). The file dialogs&apos; filter (English; :func:`project_filter` gives it in the interface&apos;s language).</extracomment>
        <translation>東協數位地圖集專案 (*{suffix})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有檔案 (*)</translation>
    </message>
    <message>
        <source>Restore the last session?</source>
        <translation>還原上次的工作階段？</translation>
    </message>
    <message>
        <source>The Atlas was not closed cleanly. Restore the session autosaved at {time}?</source>
        <translation>地圖集上次未正常關閉。要還原 {time} 自動儲存的工作階段嗎？</translation>
    </message>
    <message>
        <source>Restored the session autosaved at {time}</source>
        <translation>已還原 {time} 自動儲存的工作階段</translation>
    </message>
</context>
</TS>
