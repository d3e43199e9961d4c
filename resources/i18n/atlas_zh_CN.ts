<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttributePanel</name>
    <message>
        <source>Click a feature on the map to see its attributes.</source>
        <extracomment>The features linked to the one shown (a cable&apos;s stations, a station&apos;s cables), to highlight.</extracomment>
        <translation>在地图上点击要素以查看其属性。</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>{i} of {n}: {feature} — {layer}</source>
        <translation>第 {i} 个（共 {n} 个）：{feature} — {layer}</translation>
    </message>
    <message>
        <source>Nothing here. Click a feature on the map to see its attributes.</source>
        <translation>此处没有要素。在地图上点击要素以查看其属性。</translation>
    </message>
    <message>
        <source>Clicked at {where}</source>
        <translation>点击位置：{where}</translation>
    </message>
    <message>
        <source>derived by the Atlas (geodesic, WGS84), not an attribute of the file</source>
        <translation>由 Atlas 计算得出（测地线，WGS84），并非文件中的属性</translation>
    </message>
    <message>
        <source>… ({n} characters; the attribute table&apos;s Copy rows has it all)</source>
        <translation>…（共 {n} 个字符；用属性表的“复制行”可获得完整内容）</translation>
    </message>
    <message>
        <source>Owners: {owners}</source>
        <extracomment>URLs opened by clicking attribute links (tests replace :meth:`_open_url`)</extracomment>
        <translation>所有者：{owners}</translation>
    </message>
    <message>
        <source>Landing stations ({n}) — click one to show it</source>
        <translation>登陆站（{n}）— 点击其中一个以显示</translation>
    </message>
    <message>
        <source>Cables landing here ({n}) — click one to show it</source>
        <translation>在此登陆的海缆（{n}）— 点击其中一条以显示</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Quick filter (this table only)</source>
        <translation>快速筛选（仅限此表）</translation>
    </message>
    <message>
        <source>Only features on the map now</source>
        <translation>仅显示当前地图上的要素</translation>
    </message>
    <message>
        <source>Only features in the time filter</source>
        <translation>仅显示时间筛选范围内的要素</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>in list</source>
        <translation>在列表中</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>不为空</translation>
    </message>
    <message>
        <source>value (in list: a, b, c)</source>
        <translation>值（在列表中时：a, b, c）</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>添加条件</translation>
    </message>
    <message>
        <source>Layer filter, e.g. status == &apos;in service&apos; and rfs_year &gt;= 2020</source>
        <translation>图层筛选，例如 status == &apos;in service&apos; and rfs_year &gt;= 2020</translation>
    </message>
    <message>
        <source>Apply filter</source>
        <translation>应用筛选</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Zoom to</source>
        <translation>缩放至</translation>
    </message>
    <message>
        <source>Zoom to the selected rows (all listed rows when none is selected)</source>
        <translation>缩放至所选行（未选择时为全部列出的行）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected rows (Ctrl+C) as tab-separated text</source>
        <translation>将所选行复制为制表符分隔的文本（Ctrl+C）</translation>
    </message>
    <message>
        <source>Export selected…</source>
        <translation>导出所选要素…</translation>
    </message>
    <message>
        <source>Export listed…</source>
        <translation>导出所列要素…</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>No layer</source>
        <translation>无图层</translation>
    </message>
    <message>
        <source>{n} of {total} features listed</source>
        <translation>已列出 {total} 个要素中的 {n} 个</translation>
    </message>
    <message>
        <source>layer filter: {expression} ({n} pass)</source>
        <translation>图层筛选：{expression}（{n} 个通过）</translation>
    </message>
    <message>
        <source>the selection of {n} scattered rows was cleared</source>
        <translation>已清除对 {n} 个分散行的选择</translation>
    </message>
    <message>
        <source>{n} selected (the first {max} highlighted on the map)</source>
        <translation>已选择 {n} 个（地图上高亮显示前 {max} 个）</translation>
    </message>
    <message>
        <source>{n} selected</source>
        <translation>已选择 {n} 个</translation>
    </message>
    <message>
        <source>Filter not applied: {error}</source>
        <translation>未应用筛选：{error}</translation>
    </message>
    <message>
        <source>Copied the first {n} of {total} rows.</source>
        <extracomment>Most rows Copy puts on the clipboard.</extracomment>
        <translation>已复制 {total} 行中的前 {n} 行。</translation>
    </message>
    <message>
        <source>Nothing selected: select rows first, or use Export filtered…</source>
        <translation>未选择任何行：请先选择行，或使用“导出所列要素…”。</translation>
    </message>
    <message>
        <source>Export features</source>
        <translation>导出要素</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
</context>
<context>
    <name>AttributeTableModel</name>
    <message>
        <source>&lt;{n} bytes&gt;</source>
        <extracomment>A selection of more separate runs of rows than this is not carried over a filter change (Qt selections of 10^5 ranges take minutes); the status line says so.</extracomment>
        <translation>&lt;{n} 字节&gt;</translation>
    </message>
    <message>
        <source>… ({n} characters)</source>
        <translation>…（共 {n} 个字符）</translation>
    </message>
</context>
<context>
    <name>ConnectivityDock</name>
    <message>
        <source>Change since</source>
        <extracomment>Countries charted when none is selected in the table: the ASEAN members with a coast, China, Hong Kong. First year of the chart.</extracomment>
        <translation>对比年份</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>International cables</source>
        <translation>国际海缆</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Landing stations</source>
        <translation>登陆站</translation>
    </message>
    <message>
        <source>Countries reached</source>
        <translation>直达国家/地区</translation>
    </message>
    <message>
        <source>Chinese carrier</source>
        <translation>中国运营商参与</translation>
    </message>
    <message>
        <source>HMN Tech</source>
        <translation>华海通信（HMN Tech）</translation>
    </message>
    <message>
        <source>After the cut</source>
        <translation>切断后</translation>
    </message>
    <message>
        <source>What if…</source>
        <translation>假如……</translation>
    </message>
    <message>
        <source>Cut an area:</source>
        <translation>切断区域：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Polygon file…</source>
        <translation>多边形文件…</translation>
    </message>
    <message>
        <source>Draw on the map…</source>
        <translation>在地图上绘制…</translation>
    </message>
    <message>
        <source>Cut the selected cables or stations</source>
        <translation>切断所选海缆或登陆站</translation>
    </message>
    <message>
        <source>Cuts the feature identified on the map or found by search, or the rows selected in the attribute table</source>
        <translation>切断在地图上识别或通过搜索找到的要素，或属性表中选中的行</translation>
    </message>
    <message>
        <source>Clear the cut</source>
        <translation>清除切断</translation>
    </message>
    <message>
        <source>Between two countries</source>
        <translation>两国/地区之间</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>国家/地区对</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>是否连通</translation>
    </message>
    <message>
        <source>Disjoint cable paths</source>
        <translation>不共用海缆的路径数</translation>
    </message>
    <message>
        <source>Shortest path</source>
        <translation>最短路径</translation>
    </message>
    <message>
        <source>Reach from a facility</source>
        <translation>从设施出发的可达范围</translation>
    </message>
    <message>
        <source>Reach from the selected feature</source>
        <translation>从所选要素出发</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Export table (CSV)…</source>
        <translation>导出表格（CSV）…</translation>
    </message>
    <message>
        <source>Export report (map and CSV)…</source>
        <translation>导出报告（地图与 CSV）…</translation>
    </message>
    <message>
        <source>1 cable cut</source>
        <translation>1 条海缆被切断</translation>
    </message>
    <message>
        <source>{n} cables cut</source>
        <translation>{n} 条海缆被切断</translation>
    </message>
    <message>
        <source>1 station left without a working cable</source>
        <translation>1 个登陆站失去可用海缆</translation>
    </message>
    <message>
        <source>{n} stations left without a working cable</source>
        <translation>{n} 个登陆站失去可用海缆</translation>
    </message>
    <message>
        <source>1 landing station cut</source>
        <translation>1 个登陆站被切断</translation>
    </message>
    <message>
        <source>{n} landing stations cut</source>
        <translation>{n} 个登陆站被切断</translation>
    </message>
    <message>
        <source>{summary} (computed in {ms} ms)</source>
        <translation>{summary}（计算用时 {ms} 毫秒）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>An area needs at least three corners that enclose some sea.</source>
        <translation>区域至少需要三个能围出一片海域的角点。</translation>
    </message>
    <message>
        <source>all dates</source>
        <translation>所有日期</translation>
    </message>
    <message>
        <source>Counts of cables in the Atlas&apos;s regional cable set, not capacity (see the analysis guide in the documentation).</source>
        <translation>统计的是本地图集区域海缆集中的海缆条数，不代表容量（见文档中的分析说明）。</translation>
    </message>
    <message>
        <source>As of {date}</source>
        <translation>截至 {date}</translation>
    </message>
    <message>
        <source>No cable layer (a layer with the attribute &apos;landing_station_ids&apos;) on the map.</source>
        <translation>地图上没有海缆图层（含属性 &apos;landing_station_ids&apos; 的图层）。</translation>
    </message>
    <message>
        <source> (−{n}, {share:.0%} lost)</source>
        <translation>（−{n}，损失 {share:.0%}）</translation>
    </message>
    <message>
        <source>; reaches {n} countries</source>
        <translation>；直达 {n} 个国家/地区</translation>
    </message>
    <message>
        <source>No cut: pick an area, or cut the selected cables or stations.</source>
        <translation>未切断：请选择区域，或切断所选海缆或登陆站。</translation>
    </message>
    <message>
        <source>Cable: {name}</source>
        <translation>海缆：{name}</translation>
    </message>
    <message>
        <source> (not in service at this date)</source>
        <translation>（此日期未投入使用）</translation>
    </message>
    <message>
        <source>Landing station: {name}</source>
        <translation>登陆站：{name}</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>Area: {name}</source>
        <translation>区域：{name}</translation>
    </message>
    <message>
        <source>Not on this map, left out: {ids}</source>
        <translation>不在本地图上，已略去：{ids}</translation>
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
        <translation>已断开</translation>
    </message>
    <message>
        <source>overland</source>
        <translation>陆路</translation>
    </message>
    <message>
        <source>overland, across water</source>
        <translation>陆路，跨越水域</translation>
    </message>
    <message>
        <source>{km} km: {hops}</source>
        <translation>{km} 公里：{hops}</translation>
    </message>
    <message>
        <source>International cables in service</source>
        <translation>已投入使用的国际海缆</translation>
    </message>
    <message>
        <source>Polygon to cut with</source>
        <translation>用于切断的多边形</translation>
    </message>
    <message>
        <source>Vector files (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.zip)</source>
        <translation>矢量文件 (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.zip)</translation>
    </message>
    <message>
        <source>Click the corners of the area on the map; right-click or Enter closes it, Esc cancels.</source>
        <translation>在地图上点击区域的各个角点；右键或回车闭合，Esc 取消。</translation>
    </message>
    <message>
        <source>Drawing cancelled.</source>
        <translation>已取消绘制。</translation>
    </message>
    <message>
        <source>drawn area</source>
        <translation>绘制的区域</translation>
    </message>
    <message>
        <source>Select a cable or a landing station first (click it on the map, search it, or select rows in the attribute table).</source>
        <translation>请先选择海缆或登陆站（在地图上点击、搜索，或在属性表中选中行）。</translation>
    </message>
    <message>
        <source>Select a point feature first (a data centre, a factory, the Nanning computing centre…).</source>
        <translation>请先选择一个点要素（数据中心、工厂、南宁算力中心……）。</translation>
    </message>
    <message>
        <source>Nearest landing stations with a working cable:</source>
        <translation>最近的有可用海缆的登陆站：</translation>
    </message>
    <message>
        <source>{name} ({country}) — {km} km</source>
        <translation>{name}（{country}）— {km} 公里</translation>
    </message>
    <message>
        <source>Cables there ({n}): {list}</source>
        <translation>这些登陆站的海缆（{n} 条）：{list}</translation>
    </message>
    <message>
        <source>Countries they reach ({n}): {list}</source>
        <translation>这些海缆直达的国家/地区（{n} 个）：{list}</translation>
    </message>
    <message>
        <source>Terrestrial cross-border links: {list}</source>
        <translation>陆地跨境光缆：{list}</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export map</source>
        <extracomment>Size choices: key, ``--size`` value (None: custom pixels / millimetres). The key is the English label (:meth:`ExportDialog.size_labels` gives the shown, translated one) and what QSettings keeps. Format choices: English label (:meth:`ExportDialog.format_labels` gives the shown one), suffix. Formats drawn with the page layout (legend, scale bar, north arrow... apply). Legend choices: English label (:meth:`ExportDialog.legend_labels` gives the shown one), value. Longest side of the preview image, pixels. Item-data role of the size list holding the choice&apos;s key (SIZE_CHOICES).</extracomment>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>automatic: &apos;As of YEAR&apos; when the time filter is on</source>
        <extracomment>the canvas&apos;s scale on a 96-DPI screen: the map frame keeps it at any DPI</extracomment>
        <translation>自动：开启时间筛选时为“截至某年”</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>指北针</translation>
    </message>
    <message>
        <source>Locator inset (overview map with the map&apos;s extent)</source>
        <translation>位置图（标出地图范围的概览图）</translation>
    </message>
    <message>
        <source>Date stamp</source>
        <translation>日期标记</translation>
    </message>
    <message>
        <source>Sources footnote (numbered sources of the features in view)</source>
        <translation>来源脚注（视图中要素的编号来源）</translation>
    </message>
    <message>
        <source> ms per time step</source>
        <translation> 毫秒/每个时间步</translation>
    </message>
    <message>
        <source> frames per second</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>Keep the window&apos;s centre and scale</source>
        <translation>保持窗口的中心和比例尺</translation>
    </message>
    <message>
        <source>Off: the whole Atlas region (or the layers&apos; extent) fitted to the frame</source>
        <translation>关闭时：整个地图集区域（或图层范围）缩放至适合图框</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>页面大小</translation>
    </message>
    <message>
        <source>Width × height</source>
        <translation>宽度 × 高度</translation>
    </message>
    <message>
        <source>Resolution (DPI)</source>
        <translation>分辨率（DPI）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Time steps</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>Step duration</source>
        <translation>每步时长</translation>
    </message>
    <message>
        <source>Video frame rate</source>
        <translation>视频帧率</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG（矢量）</translation>
    </message>
    <message>
        <source>PDF (vector, selectable text)</source>
        <translation>PDF（矢量，文字可选）</translation>
    </message>
    <message>
        <source>HTML page (interactive)</source>
        <translation>HTML 网页（交互式）</translation>
    </message>
    <message>
        <source>GIF animation (time steps)</source>
        <translation>GIF 动画（按时间步）</translation>
    </message>
    <message>
        <source>MP4 video, H.264 (time steps)</source>
        <translation>MP4 视频，H.264（按时间步）</translation>
    </message>
    <message>
        <source>A4 portrait</source>
        <translation>A4 纵向</translation>
    </message>
    <message>
        <source>A4 landscape</source>
        <translation>A4 横向</translation>
    </message>
    <message>
        <source>A3 portrait</source>
        <translation>A3 纵向</translation>
    </message>
    <message>
        <source>A3 landscape</source>
        <translation>A3 横向</translation>
    </message>
    <message>
        <source>16:9 (screen, slides)</source>
        <translation>16:9（屏幕、幻灯片）</translation>
    </message>
    <message>
        <source>4:5 (social)</source>
        <translation>4:5（社交媒体）</translation>
    </message>
    <message>
        <source>Square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>Custom, pixels</source>
        <translation>自定义，像素</translation>
    </message>
    <message>
        <source>Custom, millimetres</source>
        <translation>自定义，毫米</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Right of the map</source>
        <translation>地图右侧</translation>
    </message>
    <message>
        <source>Under the map</source>
        <translation>地图下方</translation>
    </message>
    <message>
        <source>Inside the map (emptiest corner)</source>
        <translation>地图内（最空的角落）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>1 step, {first} to {last} (the Time dock&apos;s range, step and mode)</source>
        <translation>1 步，{first} 至 {last}（时间面板的范围、步长和模式）</translation>
    </message>
    <message>
        <source>{n} steps, {first} to {last} (the Time dock&apos;s range, step and mode)</source>
        <translation>{n} 步，{first} 至 {last}（时间面板的范围、步长和模式）</translation>
    </message>
    <message>
        <source>The command shown does not hold this window&apos;s layers, visibility and filters and the date {date}: save the project (File &gt; Save project) and add {option} to it.</source>
        <translation>所示命令不包含此窗口的图层、可见性和筛选条件，也不包含日期 {date}：请保存项目（文件 &gt; 保存项目），并在命令中加上 {option}。</translation>
    </message>
    <message>
        <source>The command shown does not hold this window&apos;s layers, visibility and filters: save the project (File &gt; Save project) and add {option} to it.</source>
        <translation>所示命令不包含此窗口的图层、可见性和筛选条件：请保存项目（文件 &gt; 保存项目），并在命令中加上 {option}。</translation>
    </message>
    <message>
        <source>The command shown does not hold the date {date}: save the project (File &gt; Save project) and add {option} to it.</source>
        <translation>所示命令不包含日期 {date}：请保存项目（文件 &gt; 保存项目），并在命令中加上 {option}。</translation>
    </message>
    <message>
        <source>the page&apos;s first view: {width} × {height} pixels</source>
        <translation>页面的初始视图：{width} × {height} 像素</translation>
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
        <translation>正在渲染 1 帧…</translation>
    </message>
    <message>
        <source>Rendering {n} frames…</source>
        <translation>正在渲染 {n} 帧…</translation>
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
        <translation>正在加载 {file}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>1 feature read</source>
        <translation>已读取 1 个要素</translation>
    </message>
    <message>
        <source>{n} features read</source>
        <translation>已读取 {n} 个要素</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Raise layer</source>
        <extracomment>the user asked for a layer&apos;s attribute table the user asked to style a layer a callable that removes a layer (the window&apos;s, which keeps it for Undo); None: remove here</extracomment>
        <translation>上移图层</translation>
    </message>
    <message>
        <source>Lower layer</source>
        <translation>下移图层</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation>缩放至图层</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation>移除图层</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>Open the layer&apos;s attribute table (F6)</source>
        <translation>打开图层的属性表（F6）</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>样式</translation>
    </message>
    <message>
        <source>Style the layer (F7)</source>
        <translation>设置图层样式（F7）</translation>
    </message>
    <message>
        <source>{layer}  ({n} of {total}, filtered)</source>
        <translation>{layer}  （{n}/{total}，已筛选）</translation>
    </message>
</context>
<context>
    <name>LiveLayers</name>
    <message>
        <source>PostGIS request cancelled</source>
        <extracomment>Milliseconds the view must rest before a request (a drag asks once, at its end). Rows read to detect a table&apos;s time field. the last request&apos;s SQL per layer (shown in the layer&apos;s info; the tests read it)</extracomment>
        <translation>PostGIS 请求已取消</translation>
    </message>
    <message>
        <source>{layer}: {n:,} features received…</source>
        <translation>{layer}：已收到 {n:,} 个要素…</translation>
    </message>
    <message>
        <source>{layer}: cannot reach the database ({why}); showing the last data received; retrying when you move the map</source>
        <translation>{layer}：无法连接数据库（{why}）；显示最后收到的数据；移动地图时将重试</translation>
    </message>
    <message>
        <source>{layer}: {n:,} features in view</source>
        <translation>{layer}：视图中有 {n:,} 个要素</translation>
    </message>
    <message>
        <source>{layer}: {n:,} features in view before the part of the filter PostGIS cannot evaluate, drawn as counts per {km:,.0f} km cell; zoom in for the filtered features</source>
        <translation>{layer}：视图中有 {n:,} 个要素（尚未应用 PostGIS 无法计算的那部分筛选条件），按每 {km:,.0f} 公里网格计数绘制；放大可查看筛选后的要素</translation>
    </message>
    <message>
        <source>{layer}: {n:,} features in view, drawn as counts per {km:,.0f} km cell; zoom in for the features</source>
        <translation>{layer}：视图中有 {n:,} 个要素，按每 {km:,.0f} 公里网格计数绘制；放大可查看要素</translation>
    </message>
</context>
<context>
    <name>LoadOptionsDialog</name>
    <message>
        <source>Reading options</source>
        <extracomment>(label, codec) of the encoding list; codec None means &quot;detect&quot;. The list shows the labels translated (:meth:`encoding_labels`). Bytes and lines of the first text file shown in the preview.</extracomment>
        <translation>读取选项</translation>
    </message>
    <message>
        <source>from the file (e.g. EPSG:32647 if it has none)</source>
        <translation>取自文件（文件中没有时可填写，如 EPSG:32647）</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>CRS of the coordinates</source>
        <translation>坐标参考系</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Thai (TIS-620 / cp874)</source>
        <translation>泰文（TIS-620 / cp874）</translation>
    </message>
    <message>
        <source>Chinese, simplified (GBK / GB18030)</source>
        <translation>简体中文（GBK / GB18030）</translation>
    </message>
    <message>
        <source>Chinese, traditional (Big5)</source>
        <translation>繁体中文（Big5）</translation>
    </message>
    <message>
        <source>Vietnamese (cp1258)</source>
        <translation>越南文（cp1258）</translation>
    </message>
    <message>
        <source>Western European (cp1252)</source>
        <translation>西欧语言（cp1252）</translation>
    </message>
    <message>
        <source>Detected: {encoding}; {confidence}</source>
        <translation>检测到：{encoding}；{confidence}</translation>
    </message>
    <message>
        <source>Detected: {encoding}</source>
        <translation>检测到：{encoding}</translation>
    </message>
    <message>
        <source>(cannot read it as {encoding}: {error})</source>
        <translation>（无法按 {encoding} 读取：{error}）</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>检测到的编码</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Vector files (*.geojson *.json *.geojsonl *.geojsons *.ndjson *.gpkg *.shp *.zip *.kml *.fgb *.parquet *.geoparquet *.csv *.tsv);;All files (*)</source>
        <extracomment>The Add layer file filter (English; the dialogs show ``self.tr(VECTOR_FILTER)``, which the catalogues hold under the MainWindow context through QT_TRANSLATE_NOOP).</extracomment>
        <translation>矢量文件 (*.geojson *.json *.geojsonl *.geojsons *.ndjson *.gpkg *.shp *.zip *.kml *.fgb *.parquet *.geoparquet *.csv *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>ASEAN Digital Atlas</source>
        <translation>东盟数字地图集</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Measure</source>
        <extracomment>every error shown since the window opened (``--screenshot`` reports them on stderr) Load warnings shown (data left out or changed), newest last. False for ``--screenshot`` and scripts: never open a modal question (CRS, GeoPackage layers); multi-layer files load all their layers, files needing a CRS fail with a message Loads running on worker threads (big files), see :meth:`open_files`.</extracomment>
        <translation>测量</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>Layer styling</source>
        <translation>图层样式</translation>
    </message>
    <message>
        <source>Connectivity</source>
        <translation>连通性</translation>
    </message>
    <message>
        <source>1 layer</source>
        <translation>1 个图层</translation>
    </message>
    <message>
        <source>{n} layers</source>
        <translation>{n} 个图层</translation>
    </message>
    <message>
        <source>Stop the PostGIS request (the layer keeps what it shows)</source>
        <translation>停止 PostGIS 请求（图层保留当前显示的内容）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Add layer…</source>
        <translation>添加图层(&amp;A)…</translation>
    </message>
    <message>
        <source>Add layer with encoding/C&amp;RS…</source>
        <translation>按编码/坐标参考系添加图层(&amp;R)…</translation>
    </message>
    <message>
        <source>Add Post&amp;GIS layer…</source>
        <translation>添加 Post&amp;GIS 图层…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent &amp;projects</source>
        <translation>最近的项目(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Sa&amp;ve project as…</source>
        <translation>项目另存为(&amp;V)…</translation>
    </message>
    <message>
        <source>Export &amp;map (PNG, SVG, PDF)…</source>
        <translation>导出地图（PNG、SVG、PDF）(&amp;M)…</translation>
    </message>
    <message>
        <source>Export &amp;HTML…</source>
        <translation>导出 HTML(&amp;H)…</translation>
    </message>
    <message>
        <source>Export time animat&amp;ion (GIF)…</source>
        <translation>导出时间动画（GIF）(&amp;I)…</translation>
    </message>
    <message>
        <source>Export time animation (MP&amp;4 video)…</source>
        <translation>导出时间动画（MP4 视频）(&amp;4)…</translation>
    </message>
    <message>
        <source>Export small m&amp;ultiples (PNG)…</source>
        <translation>导出多时相对比图（PNG）(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo remove layer</source>
        <translation>撤销移除图层(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search features…</source>
        <translation>搜索要素(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Attribute table</source>
        <translation>属性表(&amp;A)</translation>
    </message>
    <message>
        <source>Layer st&amp;yling</source>
        <translation>图层样式(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Connectivity and what-if…</source>
        <translation>连通性与假设分析(&amp;C)…</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>缩放至全图范围(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom to Atlas &amp;region</source>
        <translation>缩放至地图集区域(&amp;R)</translation>
    </message>
    <message>
        <source>An&amp;tialiasing (smooth edges)</source>
        <translation>抗锯齿（平滑边缘）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Measure distance</source>
        <translation>测量距离(&amp;M)</translation>
    </message>
    <message>
        <source>Ca&amp;ble colours</source>
        <translation>海缆颜色(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Atlas (by status)</source>
        <translation>图集配色（按状态）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;TeleGeography (per cable)</source>
        <translation>TeleGeography 配色（每条海缆）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The interface is in {language}.</source>
        <extracomment>QSettings key of View &gt; Antialiasing.</extracomment>
        <translation>界面语言为{language}。</translation>
    </message>
    <message>
        <source>The interface will be in {language} when the Atlas next starts.</source>
        <translation>下次启动地图集时，界面将使用{language}。</translation>
    </message>
    <message>
        <source> (+{n} more)</source>
        <translation>（另有 {n} 条）</translation>
    </message>
    <message>
        <source>Could not open layer</source>
        <extracomment>Files at least this big load on a worker thread with a progress dialog (issue 4). Suffixes whose files may hold several layers; the user picks among them.</extracomment>
        <translation>无法打开图层</translation>
    </message>
    <message>
        <source>Layers of {file}</source>
        <translation>{file} 中的图层</translation>
    </message>
    <message>
        <source>Choose the CRS</source>
        <translation>选择坐标参考系</translation>
    </message>
    <message>
        <source>CRS of the coordinates (e.g. EPSG:32647 for UTM 47N):</source>
        <translation>坐标参考系（例如 UTM 47N 为 EPSG:32647）：</translation>
    </message>
    <message>
        <source>{source}: unexpected error: {kind}: {error}</source>
        <translation>{source}：意外错误：{kind}：{error}</translation>
    </message>
    <message>
        <source>Layer loaded with warnings</source>
        <translation>图层已加载，但有警告</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 条警告</translation>
    </message>
    <message>
        <source>{n} warnings</source>
        <translation>{n} 条警告</translation>
    </message>
    <message>
        <source>Cancelled loading {file}</source>
        <translation>已取消加载 {file}</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <source>This feature is hidden by the layer filter ({filter}); clear it in the attribute table to see it.</source>
        <translation>此要素被图层筛选条件（{filter}）隐藏；在属性表中清除筛选即可看到。</translation>
    </message>
    <message>
        <source>This feature is not drawn at the current time; move the time slider to see it.</source>
        <translation>此要素在当前时间不显示；移动时间滑块即可看到。</translation>
    </message>
    <message>
        <source>Rendering GIF frames…</source>
        <translation>正在渲染 GIF 帧…</translation>
    </message>
    <message>
        <source>Rendering MP4 frames…</source>
        <translation>正在渲染 MP4 帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export animation failed</source>
        <translation>导出动画失败</translation>
    </message>
    <message>
        <source>Wrote {file} ({n} steps)</source>
        <translation>已写入 {file}（{n} 步）</translation>
    </message>
    <message>
        <source>Export small multiples failed</source>
        <translation>导出多时相对比图失败</translation>
    </message>
    <message>
        <source>Wrote {file}</source>
        <translation>已写入 {file}</translation>
    </message>
    <message>
        <source>Small multiples</source>
        <translation>多时相对比图</translation>
    </message>
    <message>
        <source>Years (comma-separated):</source>
        <translation>年份（以逗号分隔）：</translation>
    </message>
    <message>
        <source>{text}: expected years such as 2010,2015,2020,2025</source>
        <translation>{text}：应为年份，例如 2010,2015,2020,2025</translation>
    </message>
    <message>
        <source>Export small multiples</source>
        <translation>导出多时相对比图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export PNG failed</source>
        <translation>导出 PNG 失败</translation>
    </message>
    <message>
        <source>Export HTML failed</source>
        <translation>导出 HTML 失败</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>(+{n} more here; click to list them)</source>
        <extracomment>Identify search radius, pixels. After the last pan or zoom input, the map is redrawn once this many ms have passed without another (until then the last frame is shown moved and scaled: issue 9, as QGIS&apos;s canvas does). The attribute table&apos;s selection highlights at most this many features (drawn one by one). The mouse rests this long over a feature before its name shows in a tooltip, ms. Colour of the features linked to the selection (a cable&apos;s landing stations, a station&apos;s cables). features linked to the selection (a cable&apos;s stations, a station&apos;s cables), highlighted features selected in the attribute table ``(layer, rows)``, or None the last hover tooltip&apos;s text (tests) the measure tool while it is active (clicks measure instead of identifying), else None a picture of the whole window as a plain start first showed it (the start-up picture, :mod:`.startup`): its part under the canvas is shown until the first frame is ready full renders done (tests count them) smooth edges in the map frames (View &gt; Antialiasing; exports are always antialiased)</extracomment>
        <translation>（此处还有 {n} 个；点击以列出全部）</translation>
    </message>
</context>
<context>
    <name>MeasurePanel</name>
    <message>
        <source>Click points on the map. Right-click or Enter ends a line; Backspace removes the last point; Esc clears. Geodesic distances on the WGS84 ellipsoid.</source>
        <translation>在地图上点击各点。右键单击或按 Enter 键结束一条线；按退格键删除最后一个点；按 Esc 清除。距离为 WGS84 椭球面上的测地线距离。</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>段</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Total: {km} ({nmi} nmi)</source>
        <translation>总计：{km}（{nmi} 海里）</translation>
    </message>
    <message>
        <source>Total: –</source>
        <translation>总计：–</translation>
    </message>
</context>
<context>
    <name>PostGISDialog</name>
    <message>
        <source>Add PostGIS layer</source>
        <extracomment>libpq&apos;s SSL modes, in QGIS&apos;s order.</extracomment>
        <translation>添加 PostGIS 图层</translation>
    </message>
    <message>
        <source>optional: a name from the service file (&apos;pg_service.conf&apos;)</source>
        <translation>可选：服务文件（&apos;pg_service.conf&apos;）中的名称</translation>
    </message>
    <message>
        <source>empty: from the password file (&apos;.pgpass&apos;) or the service file</source>
        <translation>留空：取自密码文件（&apos;.pgpass&apos;）或服务文件</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>SSL mode</source>
        <translation>SSL 模式</translation>
    </message>
    <message>
        <source>The password is used for this connection only: it is never saved in the layer or the project.</source>
        <translation>密码只用于本次连接，不会保存在图层或项目中。</translation>
    </message>
    <message>
        <source>List tables</source>
        <translation>列出表</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>几何</translation>
    </message>
    <message>
        <source>SRID</source>
        <translation>SRID</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Rows (estimate)</source>
        <translation>行数（估计）</translation>
    </message>
    <message>
        <source>{n} tables with a geometry column</source>
        <translation>{n} 个含几何列的表</translation>
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
        <translation>{name} — 东盟数字地图集</translation>
    </message>
    <message>
        <source>Project not saved</source>
        <translation>项目未保存</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Project not opened</source>
        <translation>项目未打开</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{name}: file not found (looked for {tried}); not on the map, kept in the project with its settings</source>
        <translation>{name}：找不到文件（已查找 {tried}）；未显示在地图上，已连同其设置保留在项目中</translation>
    </message>
    <message>
        <source>Project opened with problems</source>
        <translation>项目已打开，但存在问题</translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>已打开 {file}</translation>
    </message>
    <message>
        <source>Locate “{name}” (was {old})</source>
        <translation>查找“{name}”（原为 {old}）</translation>
    </message>
    <message>
        <source>Vector files (*)</source>
        <translation>矢量文件 (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The map has changes that are not saved in a project. Save them?</source>
        <translation>地图有尚未保存到项目中的更改。要保存吗？</translation>
    </message>
    <message>
        <source>Removed {layer} — Ctrl+Z to undo</source>
        <translation>已移除 {layer} — 按 Ctrl+Z 撤销</translation>
    </message>
    <message>
        <source>Restored {layer}</source>
        <translation>已恢复 {layer}</translation>
    </message>
</context>
<context>
    <name>QtLayerTimeSettings</name>
    <message>
        <source>No time</source>
        <translation>无时间</translation>
    </message>
    <message>
        <source>Single date field</source>
        <translation>单个日期字段</translation>
    </message>
    <message>
        <source>Start and end fields</source>
        <translation>开始与结束字段</translation>
    </message>
    <message>
        <source>Undated: show</source>
        <translation>无日期：显示</translation>
    </message>
    <message>
        <source>Undated: hide</source>
        <translation>无日期：隐藏</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>end</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>{n} undated</source>
        <translation>{n} 个无日期</translation>
    </message>
</context>
<context>
    <name>QtTimeController</name>
    <message>
        <source>Time filter</source>
        <translation>时间筛选</translation>
    </message>
    <message>
        <source>As of (cumulative)</source>
        <translation>截至（累计）</translation>
    </message>
    <message>
        <source>Window [T0, T1)</source>
        <translation>时间窗 [T0, T1)</translation>
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
        <translation>来源日期</translation>
    </message>
    <message>
        <source>First year of the steps</source>
        <translation>时间步的起始年份</translation>
    </message>
    <message>
        <source>Last year of the steps</source>
        <translation>时间步的结束年份</translation>
    </message>
    <message>
        <source>End date inclusive</source>
        <translation>包含结束日期</translation>
    </message>
    <message>
        <source>Off: a feature ending in 2020 is gone as of 2020. On: still shown in 2020.</source>
        <translation>关闭：2020 年结束的要素截至 2020 年即不再显示。开启：2020 年仍显示。</translation>
    </message>
    <message>
        <source>First step (Home)</source>
        <translation>第一个时间步（Home）</translation>
    </message>
    <message>
        <source>Previous step (Left)</source>
        <translation>上一个时间步（左方向键）</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格键）</translation>
    </message>
    <message>
        <source>Next step (Right)</source>
        <translation>下一个时间步（右方向键）</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>最后一个时间步（End）</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
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
        <translation>从</translation>
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
        <translation>❚❚ 暂停</translation>
    </message>
</context>
<context>
    <name>QtTimelineHistogram</name>
    <message>
        <source>Features starting in each step, per layer. Click to jump there.</source>
        <translation>各图层在每个时间步中开始的要素数。点击可跳转到该处。</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search features (Ctrl+F): name, 中文, pinyin, id, owner…</source>
        <extracomment>Results listed under the box. Zoom to a point result with a view at most this wide (degrees of longitude); a closer view stays.</extracomment>
        <translation>搜索要素（Ctrl+F）：名称、中文、拼音、ID、所有者…</translation>
    </message>
    <message>
        <source>indexing {layers} …</source>
        <extracomment>layers whose index is being built</extracomment>
        <translation>正在建立索引：{layers} …</translation>
    </message>
    <message>
        <source>No feature matches “{query}”</source>
        <translation>没有与“{query}”匹配的要素</translation>
    </message>
</context>
<context>
    <name>StyleDock</name>
    <message>
        <source>Single symbol</source>
        <extracomment>The renderers, as the code names them (the combo box&apos;s item data; its texts are translated). The &quot;no field&quot; item of the size-by and label combo boxes (shown translated; its data is None).</extracomment>
        <translation>单一符号</translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>quantiles</source>
        <translation>分位数</translation>
    </message>
    <message>
        <source>equal interval</source>
        <translation>等间距</translation>
    </message>
    <message>
        <source>natural breaks</source>
        <translation>自然断点</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>生成类别</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Double-click a class to change its colour</source>
        <translation>双击类别可更改其颜色</translation>
    </message>
    <message>
        <source>Dashed lines</source>
        <translation>虚线</translation>
    </message>
    <message>
        <source>circle</source>
        <translation>圆形</translation>
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
        <translation>白色光晕</translation>
    </message>
    <message>
        <source>Higher first: kept longest as the map zooms out</source>
        <translation>数值高者优先：地图缩小时保留最久</translation>
    </message>
    <message>
        <source>Reset style</source>
        <translation>重置样式</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Renderer</source>
        <translation>渲染方式</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>调色板</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Line width (px)</source>
        <translation>线宽（px）</translation>
    </message>
    <message>
        <source>Marker size (px)</source>
        <translation>标记大小（px）</translation>
    </message>
    <message>
        <source>Marker shape</source>
        <translation>标记形状</translation>
    </message>
    <message>
        <source>max px</source>
        <translation>最大 px</translation>
    </message>
    <message>
        <source>Size by</source>
        <translation>大小依据</translation>
    </message>
    <message>
        <source>Fill opacity</source>
        <translation>填充不透明度</translation>
    </message>
    <message>
        <source>Layer opacity</source>
        <translation>图层不透明度</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>then (in brackets)</source>
        <translation>其次（置于括号内）</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Size (pt)</source>
        <translation>大小（pt）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>this layer has no attribute to classify by</source>
        <translation>此图层没有可用于分类的属性</translation>
    </message>
    <message>
        <source>this layer has no numeric attribute</source>
        <translation>此图层没有数值属性</translation>
    </message>
    <message>
        <source>Not classified: {error}</source>
        <translation>未分类：{error}</translation>
    </message>
    <message>
        <source>Layer colour</source>
        <translation>图层颜色</translation>
    </message>
    <message>
        <source>Colour of {value}</source>
        <translation>{value} 的颜色</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>no attribute named {name}</source>
        <extracomment>Templates of the errors ``layers/`` raises with :meth:`~asean_atlas.layers.errors.AtlasError.of` (the attribute filter&apos;s; a test checks every ``FilterError.of`` template of layers/filter.py is here).</extracomment>
        <translation>没有名为 {name} 的属性</translation>
    </message>
    <message>
        <source>the expression is empty</source>
        <translation>表达式为空</translation>
    </message>
    <message>
        <source>the expression is longer than {n} characters</source>
        <translation>表达式超过 {n} 个字符</translation>
    </message>
    <message>
        <source>a back-quote (`) is not closed</source>
        <translation>反引号（`）未闭合</translation>
    </message>
    <message>
        <source>the expression has {n} conditions; at most {max} (each one scans the layer)</source>
        <translation>表达式有 {n} 个条件；最多 {max} 个（每个条件都会扫描整个图层）</translation>
    </message>
    <message>
        <source>the expression is nested too deeply</source>
        <translation>表达式嵌套过深</translation>
    </message>
    <message>
        <source>the attribute name {name} is ambiguous (several columns match it)</source>
        <translation>属性名 {name} 不明确（有多个字段与之匹配）</translation>
    </message>
    <message>
        <source>this part of the expression is not a condition</source>
        <translation>表达式的这一部分不是条件</translation>
    </message>
    <message>
        <source>an attribute name with a back-quote cannot be used in an expression: {name}</source>
        <translation>含反引号的属性名不能用于表达式：{name}</translation>
    </message>
    <message>
        <source>unknown operator {name}</source>
        <translation>未知运算符 {name}</translation>
    </message>
    <message>
        <source>cannot read the expression: {error}</source>
        <translation>无法读取表达式：{error}</translation>
    </message>
    <message>
        <source>syntax error (the expression ends too early): {error}</source>
        <translation>语法错误（表达式提前结束）：{error}</translation>
    </message>
    <message>
        <source>cannot read the expression ({error})</source>
        <translation>无法读取表达式（{error}）</translation>
    </message>
    <message>
        <source>a comparison needs an attribute on one side</source>
        <translation>比较的一侧必须是属性</translation>
    </message>
    <message>
        <source>a list goes with in / not in: attribute in [value, value, …]</source>
        <translation>列表须与 in / not in 一起使用：attribute in [value, value, …]</translation>
    </message>
    <message>
        <source>compare null only with == or !=</source>
        <translation>null 只能用 == 或 != 比较</translation>
    </message>
    <message>
        <source>syntax error at column {column}: {error}</source>
        <translation>第 {column} 列有语法错误：{error}</translation>
    </message>
    <message>
        <source>minus applies to numbers only</source>
        <translation>负号只能用于数字</translation>
    </message>
    <message>
        <source>year() takes an attribute</source>
        <translation>year() 需要一个属性</translation>
    </message>
    <message>
        <source>{name} is not true/false; compare it with a value</source>
        <translation>{name} 不是 true/false；请将其与某个值比较</translation>
    </message>
    <message>
        <source>use: attribute in [value, value, …]</source>
        <translation>用法：attribute in [value, value, …]</translation>
    </message>
    <message>
        <source>cannot evaluate it on these attributes: {kind}: {error}</source>
        <translation>无法在这些属性上求值：{kind}：{error}</translation>
    </message>
    <message>
        <source>cannot evaluate it on these attributes: {kind}</source>
        <translation>无法在这些属性上求值：{kind}</translation>
    </message>
    <message>
        <source>only == != &lt; &lt;= &gt; &gt;= in and not in compare values</source>
        <translation>只有 == != &lt; &lt;= &gt; &gt;= in 和 not in 可以比较值</translation>
    </message>
    <message>
        <source>is_empty() takes an attribute</source>
        <translation>is_empty() 需要一个属性</translation>
    </message>
    <message>
        <source>{name}() takes an attribute and a text</source>
        <translation>{name}() 需要一个属性和一段文本</translation>
    </message>
    <message>
        <source>unknown function; available: {names}</source>
        <translation>未知函数；可用的有：{names}</translation>
    </message>
    <message>
        <source>{name}() takes {n} arguments</source>
        <translation>{name}() 需要 {n} 个参数</translation>
    </message>
    <message>
        <source>{name}() takes 1 argument</source>
        <translation>{name}() 需要 1 个参数</translation>
    </message>
    <message>
        <source>a list may hold only text and numbers</source>
        <translation>列表只能包含文本和数字</translation>
    </message>
    <message>
        <source>only text, numbers, true, false and null are values</source>
        <translation>只有文本、数字、true、false 和 null 是值</translation>
    </message>
    <message>
        <source>not allowed in a filter: {kind}</source>
        <translation>筛选中不允许：{kind}</translation>
    </message>
    <message>
        <source>{name} holds numbers: compare it with a number, not {value}</source>
        <translation>{name} 是数字：请与数字比较，而不是 {value}</translation>
    </message>
    <message>
        <source>unknown colour ramp {name}; choose from {names}</source>
        <extracomment>Templates of what ``layers/`` says about a file (issue 13): a :class:`~asean_atlas.layers.errors.Message` in a load report&apos;s warnings and notes, a ``LayerLoadError.of`` / ``CRSNeededError.of`` reason; the script names of the encoding guess (layers/encoding.py SCRIPT_NAMES); and the styling dock&apos;s ``StyleError.of`` (layers/classify.py). A test checks every literal template of layers/*.py is here.</extracomment>
        <translation>未知的色带 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>a ramp needs at least one class</source>
        <translation>色带至少需要一个分类</translation>
    </message>
    <message>
        <source>unknown palette {name}; choose from {names}</source>
        <translation>未知的调色板 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>unknown classification {name}; choose from {names}</source>
        <translation>未知的分类方法 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>choose 2 to 9 classes</source>
        <translation>请选择 2 到 9 个分类</translation>
    </message>
    <message>
        <source>no numeric value to classify</source>
        <translation>没有可分类的数值</translation>
    </message>
    <message>
        <source>the values span more than a float can hold; classify a smaller range</source>
        <translation>数值跨度超出浮点数的范围；请对较小的范围分类</translation>
    </message>
    <message>
        <source>cannot classify these values: {why}</source>
        <translation>无法对这些值分类：{why}</translation>
    </message>
    <message>
        <source>{reason}; they look like latitude, longitude in the wrong order (GeoJSON and this app expect longitude first): swap them</source>
        <translation>{reason}；它们看来是纬度、经度顺序写反了（GeoJSON 和本应用要求经度在前）：请交换</translation>
    </message>
    <message>
        <source>coordinates off the Earth: longitude beyond ±{limit:g}° or latitude beyond ±90° (e.g. {lon:.6g}, {lat:.6g})</source>
        <translation>坐标不在地球上：经度超出 ±{limit:g}° 或纬度超出 ±90°（例如 {lon:.6g}, {lat:.6g}）</translation>
    </message>
    <message>
        <source>coordinates that look like longitude/latitude degrees although the file&apos;s CRS is {crs} (read so, they would lie within 540 units of its origin)</source>
        <translation>坐标看似经纬度（度），但文件的坐标参考系为 {crs}（按此读取，它们会落在其原点 540 个单位之内）</translation>
    </message>
    <message>
        <source>{path} (layer {layer})</source>
        <translation>{path}（图层 {layer}）</translation>
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
        <translation>西欧文字</translation>
    </message>
    <message>
        <source>reopened from the GeoParquet cache</source>
        <translation>从 GeoParquet 缓存重新打开</translation>
    </message>
    <message>
        <source>{encoding} (detected)</source>
        <translation>{encoding}（自动检测）</translation>
    </message>
    <message>
        <source>{encoding} (chosen)</source>
        <translation>{encoding}（已选择）</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8（带 BOM）</translation>
    </message>
    <message>
        <source>UTF-16 (byte-order mark)</source>
        <translation>UTF-16（字节顺序标记）</translation>
    </message>
    <message>
        <source>text plausible as {script}: {score:.0%} of {n} non-ASCII characters</source>
        <translation>{n} 个非 ASCII 字符中 {score:.0%} 符合{script}</translation>
    </message>
    <message>
        <source>starts with a UTF-8 byte-order mark but is not UTF-8 text</source>
        <translation>以 UTF-8 字节顺序标记开头，但不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>is neither UTF-8 nor an encoding that could be detected; choose the encoding</source>
        <translation>既不是 UTF-8，也不是可检测出的编码；请选择编码</translation>
    </message>
    <message>
        <source>unknown text encoding {name}</source>
        <translation>未知的文本编码 {name}</translation>
    </message>
    <message>
        <source>could not be read: {detail}</source>
        <translation>无法读取：{detail}</translation>
    </message>
    <message>
        <source>feature {n}</source>
        <translation>第 {n} 个要素</translation>
    </message>
    <message>
        <source>{features}</source>
        <translation>{features}</translation>
    </message>
    <message>
        <source>says its CRS is {crs} ({units}) but {who} coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) that look like longitude/latitude degrees; read as {crs} they would all fall within {spread:.0f} {units} of one spot. If they are degrees, choose EPSG:4326 (on the command line: --crs EPSG:4326); otherwise choose the CRS they are in</source>
        <translation>声明其坐标参考系为 {crs}（{units}），但{who}看似经纬度（度）的坐标（x {w:.6g}..{e:.6g}，y {s:.6g}..{n:.6g}）；按 {crs} 读取，它们全都会落在一点周围 {spread:.0f} {units} 之内。如果这些是度，请选择 EPSG:4326（命令行：--crs EPSG:4326）；否则请选择它们所用的坐标参考系</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>is not a regular file (a pipe, a device or a socket)</source>
        <translation>不是普通文件（而是管道、设备或套接字）</translation>
    </message>
    <message>
        <source>would expand from {packed} to {expanded} ({ratio:,.0f} times): refused as a likely zip bomb; if you trust it, unzip it yourself and open the file inside</source>
        <translation>解压后会从 {packed} 膨胀到 {expanded}（{ratio:,.0f} 倍）：疑似压缩炸弹，已拒绝；如果信任它，请自行解压并打开其中的文件</translation>
    </message>
    <message>
        <source>is a damaged zip archive: {member} fails its checksum</source>
        <translation>是损坏的 zip 压缩包：{member} 校验和不符</translation>
    </message>
    <message>
        <source>not a readable vector file (GDAL could not recognise the format)</source>
        <translation>不是可读取的矢量文件（GDAL 无法识别其格式）</translation>
    </message>
    <message>
        <source>holds a value too long for GDAL&apos;s JSON reader (over ~10 million characters): {detail}</source>
        <translation>含有对 GDAL 的 JSON 读取器来说过长的值（约超过 1000 万字符）：{detail}</translation>
    </message>
    <message>
        <source>{features} not drawn, {why}: {named}</source>
        <translation>{features}未绘制，原因是{why}：{named}</translation>
    </message>
    <message>
        <source>1 feature</source>
        <translation>1 个要素</translation>
    </message>
    <message>
        <source>{n} features</source>
        <translation>{n} 个要素</translation>
    </message>
    <message>
        <source>{features} and {n} more</source>
        <translation>{features}，另有 {n} 个</translation>
    </message>
    <message>
        <source>{n} of {total} features have</source>
        <translation>{total} 个要素中有 {n} 个带有</translation>
    </message>
    <message>
        <source>its features have</source>
        <translation>其要素带有</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>文件为空（0 字节）</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>是文件夹，不是文件</translation>
    </message>
    <message>
        <source>geometry collections nested more than {n} deep</source>
        <translation>几何集合嵌套超过 {n} 层</translation>
    </message>
    <message>
        <source>coordinates that are not numbers (NaN or Infinity)</source>
        <translation>坐标不是数字（NaN 或无穷大）</translation>
    </message>
    <message>
        <source>{crs} (chosen)</source>
        <translation>{crs}（已选择）</translation>
    </message>
    <message>
        <source>has no layer {name}; its layers are: {names}</source>
        <translation>没有图层 {name}；其图层为：{names}</translation>
    </message>
    <message>
        <source>has no geometry</source>
        <translation>没有几何</translation>
    </message>
    <message>
        <source>1 coordinate value that is not a number</source>
        <translation>1 个不是数字的坐标值</translation>
    </message>
    <message>
        <source>{n} coordinate values that are not numbers</source>
        <translation>{n} 个不是数字的坐标值</translation>
    </message>
    <message>
        <source>its .dbf (attribute table) ends after {records} of {total} records (the file is cut short?): {features} loaded without attributes</source>
        <translation>其 .dbf（属性表）在 {total} 条记录中的第 {records} 条后结束（文件被截断？）：{features}已加载但没有属性</translation>
    </message>
    <message>
        <source>has {n:,} attributes, more than the {max:,} the Atlas reads</source>
        <translation>有 {n:,} 个属性，超过本地图集可读取的 {max:,} 个</translation>
    </message>
    <message>
        <source>holds more than {max:,} attribute values</source>
        <translation>含有超过 {max:,} 个属性值</translation>
    </message>
    <message>
        <source>holds a view (a stored SQL query), {name}, which the Atlas does not run; export the view as a table (e.g. in QGIS or with ogr2ogr) and open that</source>
        <translation>含有一个视图（存储的 SQL 查询）{name}，本地图集不会执行它；请把该视图导出为表（例如用 QGIS 或 ogr2ogr）再打开</translation>
    </message>
    <message>
        <source>is an SQLite database that cannot be read: {detail}</source>
        <translation>是无法读取的 SQLite 数据库：{detail}</translation>
    </message>
    <message>
        <source>has a generated column {column} in {table} (SQL the database runs on every row read), which the Atlas does not run; save the layer without it (e.g. in QGIS or with ogr2ogr) and open that</source>
        <translation>在 {table} 中有一个生成列 {column}（数据库在读取每一行时都会执行的 SQL），本地图集不会执行它；请不含该列另存图层（例如用 QGIS 或 ogr2ogr）再打开</translation>
    </message>
    <message>
        <source>holds {name}, which is not a regular file (a pipe, a device or a socket) and would block reading the folder</source>
        <translation>包含 {name}，它不是普通文件（而是管道、设备或套接字），会使读取该文件夹一直阻塞</translation>
    </message>
    <message>
        <source>has unfinished changes beside it ({name}) that cannot be checked read-only; open it once in QGIS or SQLite to finish them</source>
        <translation>旁边有无法以只读方式检查的未完成更改（{name}）；请先在 QGIS 或 SQLite 中打开一次以完成这些更改</translation>
    </message>
    <message>
        <source>is an SQLite or SpatiaLite database, which the Atlas does not open (its tables can run stored SQL and read other files); save the layer as a GeoPackage (e.g. in QGIS or with ogr2ogr) and open that</source>
        <translation>是 SQLite 或 SpatiaLite 数据库，本地图集不打开此类文件（其中的表可以执行存储的 SQL 并读取其他文件）；请把图层另存为 GeoPackage（例如用 QGIS 或 ogr2ogr）再打开</translation>
    </message>
    <message>
        <source>holds a virtual table {name} (module {module}) that would read other files or run code; the Atlas opens GeoPackages of plain tables only</source>
        <translation>含有虚拟表 {name}（模块 {module}），它会读取其他文件或执行代码；本地图集只打开由普通表组成的 GeoPackage</translation>
    </message>
    <message>
        <source>has a companion file {name} that is not a regular file (a pipe, a device or a socket), which would block reading it</source>
        <translation>有一个附属文件 {name} 不是普通文件（而是管道、设备或套接字），读取它会一直阻塞</translation>
    </message>
    <message>
        <source>holds a GeoPackage or SQLite database ({member}); unzip it and open the file inside</source>
        <translation>包含 GeoPackage 或 SQLite 数据库（{member}）；请先解压，再打开其中的文件</translation>
    </message>
    <message>
        <source>holds geometry collections nested more than {n} deep; refused</source>
        <translation>含有嵌套超过 {n} 层的几何集合；已拒绝</translation>
    </message>
    <message>
        <source>{features} with longitudes beyond ±180° (x {w:.6g}..{e:.6g}) moved by 360° into -180..180: {named}</source>
        <translation>{features}的经度超出 ±180°（x {w:.6g}..{e:.6g}），已平移 360° 到 -180..180 之内：{named}</translation>
    </message>
    <message>
        <source>they have no date (undated features are shown at every date)</source>
        <translation>它们没有日期（无日期的要素在每个日期都显示）</translation>
    </message>
    <message>
        <source>they have no date (undated features are hidden)</source>
        <translation>它们没有日期（无日期的要素被隐藏）</translation>
    </message>
    <message>
        <source>cannot be read: {detail}</source>
        <translation>无法读取：{detail}</translation>
    </message>
    <message>
        <source>is a damaged zip archive ({detail})</source>
        <translation>是损坏的 zip 压缩包（{detail}）</translation>
    </message>
    <message>
        <source>text that is not valid UTF-8 shown with � in {fields}: the file&apos;s encoding may be wrong (choose it: --encoding, or Add layer &gt; options)</source>
        <translation>{fields} 中不是有效 UTF-8 的文本以 � 显示：文件的编码可能有误（请选择编码：--encoding，或“添加图层”&gt;选项）</translation>
    </message>
    <message>
        <source>its attribute names are not valid UTF-8: the file&apos;s encoding may be wrong (choose it: --encoding, or Add layer &gt; options)</source>
        <translation>其属性名不是有效的 UTF-8：文件的编码可能有误（请选择编码：--encoding，或“添加图层”&gt;选项）</translation>
    </message>
    <message>
        <source>is damaged: its header does not match its contents</source>
        <translation>已损坏：文件头与内容不符</translation>
    </message>
    <message>
        <source>text is not UTF-8; choose its encoding</source>
        <translation>文本不是 UTF-8；请选择其编码</translation>
    </message>
    <message>
        <source>refers to other files or to the network (a GDAL VRT, GDALG or web-service description), which the Atlas does not follow</source>
        <translation>引用了其他文件或网络（GDAL VRT、GDALG 或网络服务描述），本地图集不会跟随</translation>
    </message>
    <message>
        <source>is a web page (HTML), not a data file: it was probably saved from a browser or is an error page; download the file itself</source>
        <translation>是网页（HTML），不是数据文件：它可能是从浏览器保存的，或是一个错误页面；请下载文件本身</translation>
    </message>
    <message>
        <source>attribute &apos;geometry&apos; renamed &apos;geometry_attribute&apos;</source>
        <translation>属性 &apos;geometry&apos; 已重命名为 &apos;geometry_attribute&apos;</translation>
    </message>
    <message>
        <source>{features} without geometry (null, empty, or coordinates that are not numbers), kept with their attributes, not drawn: {named}</source>
        <translation>{features}没有几何（空值、空几何或坐标不是数字），保留其属性，不绘制：{named}</translation>
    </message>
    <message>
        <source>none (taken as EPSG:4326)</source>
        <translation>无（按 EPSG:4326 处理）</translation>
    </message>
    <message>
        <source>coordinates do not fall on the Earth when read as {crs}; choose the right CRS</source>
        <translation>按 {crs} 读取时坐标不在地球上；请选择正确的坐标参考系</translation>
    </message>
    <message>
        <source>coordinates that do not fall on the Earth in {crs}</source>
        <translation>坐标在 {crs} 中不在地球上</translation>
    </message>
    <message>
        <source>{features} with invalid geometry (e.g. self-intersecting) not repaired, drawn as read: repairing would pass the budget (over {crossings:,} self-intersections, {seconds:g} s or {gb:g} GB); fills and areas may be wrong: {named}</source>
        <translation>{features}的几何无效（例如自相交），未修复，按读取原样绘制：修复会超出预算（超过 {crossings:,} 处自相交、{seconds:g} 秒或 {gb:g} GB）；填充和面积可能有误：{named}</translation>
    </message>
    <message>
        <source>{features} not drawn, invalid geometry GEOS could not repair: {named}</source>
        <translation>{features}未绘制，GEOS 无法修复其无效几何：{named}</translation>
    </message>
    <message>
        <source>Z values kept in the data ({n} features), drawn in 2D</source>
        <translation>数据中保留了 Z 值（{n} 个要素），按二维绘制</translation>
    </message>
    <message>
        <source>no features (an empty layer)</source>
        <translation>没有要素（空图层）</translation>
    </message>
    <message>
        <source>contains no layers</source>
        <translation>不含任何图层</translation>
    </message>
    <message>
        <source>{n} layers in the file ({names}), read {name}</source>
        <translation>文件中有 {n} 个图层（{names}），已读取 {name}</translation>
    </message>
    <message>
        <source>has no geometry (for CSV: no lon/lat or WKT column found among: {columns})</source>
        <translation>没有几何（CSV：在以下列中找不到经纬度或 WKT 列：{columns}）</translation>
    </message>
    <message>
        <source>{n} of its {total} lines are not GeoJSON features (not JSON, or cut short) and were skipped: line {lines}</source>
        <translation>{total} 行中有 {n} 行不是 GeoJSON 要素（不是 JSON 或被截断），已跳过：第 {lines} 行</translation>
    </message>
    <message>
        <source>{n} of its {total} lines are not GeoJSON features (not JSON, or cut short) and were skipped</source>
        <translation>{total} 行中有 {n} 行不是 GeoJSON 要素（不是 JSON 或被截断），已跳过</translation>
    </message>
    <message>
        <source>{values} ({shown}): GDAL reads them leniently (as the number they start with, or 0), so those features may be drawn in the wrong place</source>
        <translation>{values}（{shown}）：GDAL 会宽松地读取它们（取开头的数字或 0），这些要素可能画在错误的位置</translation>
    </message>
    <message>
        <source>has no .dbf (its attribute table): the features are loaded without attributes</source>
        <translation>没有 .dbf（属性表）：要素已加载但没有属性</translation>
    </message>
    <message>
        <source>its .dbf (attribute table) is empty or damaged: the features are loaded without attributes</source>
        <translation>其 .dbf（属性表）为空或已损坏：要素已加载但没有属性</translation>
    </message>
    <message>
        <source>its .dbf (attribute table) says each record is {record} bytes but its fields add up to {fields}: the attributes may be garbled</source>
        <translation>其 .dbf（属性表）声明每条记录 {record} 字节，但各字段合计 {fields} 字节：属性可能是乱码</translation>
    </message>
    <message>
        <source>its .shx (the index of its shapes) lists {shapes} shapes but its .dbf holds {records} records: {missing} features may be missing (the .shx cut short?); GDAL can rebuild the index: ogr2ogr -oo SHAPE_RESTORE_SHX=YES</source>
        <translation>其 .shx（形状索引）列出 {shapes} 个形状，但其 .dbf 有 {records} 条记录：可能缺少 {missing} 个要素（.shx 被截断？）；GDAL 可以重建索引：ogr2ogr -oo SHAPE_RESTORE_SHX=YES</translation>
    </message>
    <message>
        <source>its .dbf (attribute table) holds {records} records but its .shx indexes {shapes} shapes: {missing} features not loaded (the .dbf is cut short?)</source>
        <translation>其 .dbf（属性表）有 {records} 条记录，但其 .shx 索引了 {shapes} 个形状：{missing} 个要素未加载（.dbf 被截断？）</translation>
    </message>
    <message>
        <source>is nested too deeply for a JSON reader</source>
        <translation>嵌套过深，JSON 读取器无法读取</translation>
    </message>
    <message>
        <source>read with Python&apos;s JSON reader: more than {n} distinct property names (GDAL&apos;s reader slows down with each one)</source>
        <translation>用 Python 的 JSON 读取器读取：不同的属性名超过 {n} 个（GDAL 的读取器每多一个就更慢）</translation>
    </message>
    <message>
        <source>read with Python&apos;s JSON reader: GDAL&apos;s stops at values over 10 million characters and at numbers beyond the range of a double</source>
        <translation>用 Python 的 JSON 读取器读取：GDAL 的读取器遇到超过 1000 万字符的值或超出双精度范围的数字会停止</translation>
    </message>
    <message>
        <source>1 number beyond the range of a double (e.g. {example}) read as 0 or infinity</source>
        <translation>1 个数字超出双精度范围（例如 {example}），读作 0 或无穷大</translation>
    </message>
    <message>
        <source>{n} numbers beyond the range of a double (e.g. {example}) read as 0 or infinity</source>
        <translation>{n} 个数字超出双精度范围（例如 {example}），读作 0 或无穷大</translation>
    </message>
    <message>
        <source>reading GeoParquet needs the pyarrow package</source>
        <translation>读取 GeoParquet 需要 pyarrow 包</translation>
    </message>
    <message>
        <source>attribute names repeated in the file, renamed: {names}</source>
        <translation>文件中有重复的属性名，已重命名：{names}</translation>
    </message>
    <message>
        <source>{n} features without a date</source>
        <translation>{n} 个要素没有日期</translation>
    </message>
    <message>
        <source>1 feature without a date</source>
        <translation>1 个要素没有日期</translation>
    </message>
    <message>
        <source>they never end</source>
        <translation>它们永不结束</translation>
    </message>
    <message>
        <source>feature {n} ({name})</source>
        <translation>第 {n} 个要素（{name}）</translation>
    </message>
    <message>
        <source>{n} unclosed rings closed</source>
        <translation>已闭合 {n} 个未闭合的环</translation>
    </message>
    <message>
        <source>{n} geometries unreadable (too few points), kept without geometry</source>
        <translation>{n} 个几何无法读取（点数太少），保留为无几何</translation>
    </message>
    <message>
        <source>unknown CRS {crs}</source>
        <translation>未知的坐标参考系 {crs}</translation>
    </message>
    <message>
        <source>cannot transform from {crs}: {why}</source>
        <translation>无法从 {crs} 转换：{why}</translation>
    </message>
    <message>
        <source>{features} whose polygon collapsed to a line or a point when repaired (too few distinct points for an area): {named}</source>
        <translation>{features}的多边形在修复时退化为线或点（不同的点太少，构不成面积）：{named}</translation>
    </message>
    <message>
        <source>many distinct property names (read with Python&apos;s JSON reader)</source>
        <translation>不同的属性名很多（用 Python 的 JSON 读取器读取）</translation>
    </message>
    <message>
        <source>its .dbf marks 1 record as deleted: that feature is not loaded (as GDAL and QGIS do)</source>
        <translation>其 .dbf 把 1 条记录标记为已删除：该要素未加载（与 GDAL 和 QGIS 一致）</translation>
    </message>
    <message>
        <source>its .dbf marks {n} records as deleted: those features are not loaded (as GDAL and QGIS do)</source>
        <translation>其 .dbf 把 {n} 条记录标记为已删除：这些要素未加载（与 GDAL 和 QGIS 一致）</translation>
    </message>
    <message>
        <source>is not GeoJSON (no FeatureCollection, Feature or geometry at its top level)</source>
        <translation>不是 GeoJSON（顶层没有 FeatureCollection、Feature 或几何）</translation>
    </message>
    <message>
        <source>has the column {name} more than once; rename one so the coordinates are unambiguous</source>
        <translation>列 {name} 出现不止一次；请重命名其中之一，使坐标没有歧义</translation>
    </message>
    <message>
        <source>is a Parquet file without GeoParquet metadata (no geometry column)</source>
        <translation>是没有 GeoParquet 元数据的 Parquet 文件（没有几何列）</translation>
    </message>
    <message>
        <source>its latitude and longitude columns hold each other&apos;s values (most latitudes beyond ±90°): swapped back</source>
        <translation>其纬度列和经度列的值互换了（多数纬度超出 ±90°）：已换回</translation>
    </message>
    <message>
        <source>while reading: {text}</source>
        <translation>读取时：{text}</translation>
    </message>
    <message>
        <source>{features} whose {field} is not a date ({examples}): {what}</source>
        <translation>{features}的 {field} 不是日期（{examples}）：{what}</translation>
    </message>
    <message>
        <source>has no CRS and its coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) are not longitude/latitude; choose the CRS (e.g. EPSG:32647) or save the file with one</source>
        <translation>没有坐标参考系，且其坐标（x {w:.6g}..{e:.6g}，y {s:.6g}..{n:.6g}）不是经纬度；请选择坐标参考系（例如 EPSG:32647），或保存带坐标参考系的文件</translation>
    </message>
    <message>
        <source>its .prj could not be read (GDAL ignored it): coordinates taken as longitude/latitude (EPSG:4326); if they are not, choose the CRS</source>
        <translation>其 .prj 无法读取（GDAL 忽略了它）：坐标按经纬度（EPSG:4326）处理；如果不是，请选择坐标参考系</translation>
    </message>
    <message>
        <source>names a CRS that cannot be read ({why}); choose the CRS of the coordinates</source>
        <translation>指定的坐标参考系无法读取（{why}）；请选择坐标所用的坐标参考系</translation>
    </message>
    <message>
        <source> (GeoJSON is always lon/lat, RFC 7946)</source>
        <translation>（GeoJSON 总是经纬度，RFC 7946）</translation>
    </message>
    <message>
        <source>text encoding: {why}</source>
        <translation>文本编码：{why}</translation>
    </message>
    <message>
        <source>ran out of memory while loading: keep the features and attributes you need (e.g. ogr2ogr -spat/-select) and open that</source>
        <translation>加载时内存不足：请只保留需要的要素和属性（例如 ogr2ogr -spat/-select）再打开</translation>
    </message>
    <message>
        <source>has {n:,} attributes, more than the {max:,} the Atlas reads (a file whose features each have their own property names?)</source>
        <translation>有 {n:,} 个属性，超过本地图集可读取的 {max:,} 个（每个要素都有各自属性名的文件？）</translation>
    </message>
    <message>
        <source>says its CRS is {crs}{implied} but its coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) are not longitude/latitude; choose the CRS they are in (e.g. EPSG:32647)</source>
        <translation>声明其坐标参考系为 {crs}{implied}，但其坐标（x {w:.6g}..{e:.6g}，y {s:.6g}..{n:.6g}）不是经纬度；请选择它们所用的坐标参考系（例如 EPSG:32647）</translation>
    </message>
    <message>
        <source>text is not {codec}: {why}</source>
        <translation>文本不是 {codec}：{why}</translation>
    </message>
    <message>
        <source>would need about {need} of memory or more ({done:,} features read so far) and {free} is free; close other programs, or keep the features and attributes you need (e.g. ogr2ogr -spat/-select) and open that</source>
        <translation>需要约 {need} 或更多内存（目前已读取 {done:,} 个要素），而可用内存为 {free}；请关闭其他程序，或只保留需要的要素和属性（例如 ogr2ogr -spat/-select）再打开</translation>
    </message>
    <message>
        <source>holds more than {max:,} attribute values ({done:,} features x {n:,} attributes read so far); keep the attributes you need (e.g. ogr2ogr -select) and open that</source>
        <translation>含有超过 {max:,} 个属性值（目前已读取 {done:,} 个要素 × {n:,} 个属性）；请只保留需要的属性（例如 ogr2ogr -select）再打开</translation>
    </message>
    <message>
        <source>{spec} is neither a named area ({names}) nor a file</source>
        <extracomment>Templates of the connectivity analysis&apos; errors (``AnalysisError.of``, layers/connectivity.py and the Connectivity panel; issue 14).</extracomment>
        <translation>{spec} 既不是命名区域（{names}），也不是文件</translation>
    </message>
    <message>
        <source>{spec}: no polygon to cut with</source>
        <translation>{spec}：没有可用于切断的多边形</translation>
    </message>
    <message>
        <source>the scenario is not an object</source>
        <translation>情景不是一个对象</translation>
    </message>
    <message>
        <source>pairs: expected up to {n} pairs of ISO alpha-3 codes</source>
        <translation>国家/地区对：应为最多 {n} 对 ISO alpha-3 代码</translation>
    </message>
    <message>
        <source>no cable layer (a layer with the attribute &apos;landing_station_ids&apos;) on the map</source>
        <translation>地图上没有海缆图层（含属性 &apos;landing_station_ids&apos; 的图层）</translation>
    </message>
    <message>
        <source>no landing-station layer (points with the attributes &apos;id&apos; and &apos;country&apos;) on the map</source>
        <translation>地图上没有登陆站图层（含属性 &apos;id&apos; 和 &apos;country&apos; 的点）</translation>
    </message>
    <message>
        <source>the cut area is not a polygon</source>
        <translation>切断区域不是多边形</translation>
    </message>
    <message>
        <source>no cable with id {ids}</source>
        <translation>没有 id 为 {ids} 的海缆</translation>
    </message>
    <message>
        <source>no landing station with id {ids}</source>
        <translation>没有 id 为 {ids} 的登陆站</translation>
    </message>
    <message>
        <source>{key}: expected a list of ids</source>
        <translation>{key}：应为 id 列表</translation>
    </message>
    <message>
        <source>unknown area {name}</source>
        <translation>未知区域 {name}</translation>
    </message>
    <message>
        <source>since: expected a year</source>
        <translation>对比年份：应为年份</translation>
    </message>
    <message>
        <source>the cut area is not a list of 3 to {n} [lon, lat] points</source>
        <translation>切断区域不是 3 到 {n} 个 [经度, 纬度] 点的列表</translation>
    </message>
    <message>
        <source>the cut area&apos;s file is not a path</source>
        <translation>切断区域的文件不是路径</translation>
    </message>
    <message>
        <source>the cut area is neither a preset, a polygon nor a file</source>
        <translation>切断区域既不是预设、多边形，也不是文件</translation>
    </message>
    <message>
        <source>nothing to export: no cable network on the map</source>
        <translation>没有可导出的内容：地图上没有海缆网络</translation>
    </message>
    <message>
        <source>the cable layer has no attribute {names}</source>
        <translation>海缆图层没有属性 {names}</translation>
    </message>
    <message>
        <source>the landing-station layer has no attribute {names}</source>
        <translation>登陆站图层没有属性 {names}</translation>
    </message>
    <message>
        <source>{table}: no geometry column {column}</source>
        <extracomment>Templates of the PostGIS layers&apos; errors (``PostGISError.of``, layers/postgis.py; issue 15).</extracomment>
        <translation>{table}：没有几何列 {column}</translation>
    </message>
    <message>
        <source>{table}: no such table with a geometry column</source>
        <translation>{table}：没有这个含几何列的表</translation>
    </message>
    <message>
        <source>a table needs a schema and a name</source>
        <translation>表需要模式名和表名</translation>
    </message>
    <message>
        <source>not a PostGIS source (postgresql://…?table=schema.name)</source>
        <translation>不是 PostGIS 数据源（postgresql://…?table=schema.name）</translation>
    </message>
    <message>
        <source>{source}: no table (add ?table=schema.name)</source>
        <translation>{source}：未指定表（请添加 ?table=schema.name）</translation>
    </message>
    <message>
        <source>cannot connect to {source}: {why}</source>
        <translation>无法连接 {source}：{why}</translation>
    </message>
    <message>
        <source>{source}: not a connection string libpq reads ({why})</source>
        <translation>{source}：不是 libpq 能读取的连接字符串（{why}）</translation>
    </message>
    <message>
        <source>{source}: a project file may not set {names} (it could send your saved password to another server or read your files); if you trust it, add the layer yourself</source>
        <translation>{source}：项目文件不得设置 {names}（它可能把您保存的密码发送到其他服务器，或读取您的文件）；如果您信任它，请自行添加该图层</translation>
    </message>
    <message>
        <source>{table}: permission denied (ask the database&apos;s owner for SELECT on it)</source>
        <translation>{table}：权限不足（请向数据库所有者申请该表的 SELECT 权限）</translation>
    </message>
    <message>
        <source>{table}: {why}</source>
        <translation>{table}：{why}</translation>
    </message>
    <message>
        <source>{table} exists already (use --replace to write over it)</source>
        <translation>{table} 已存在（使用 --replace 覆盖）</translation>
    </message>
    <message>
        <source>{table}: permission denied (the user may not create tables in {schema}, or does not own the table it would replace)</source>
        <translation>{table}：权限不足（该用户不能在 {schema} 中建表，或不拥有要替换的表）</translation>
    </message>
    <message>
        <source>{source}: no PostGIS here ({why})</source>
        <translation>{source}：这里没有 PostGIS（{why}）</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>No installed font can draw {script} text ({chars} in the label {text}): labels in it show as boxes. Install its font (Debian/Ubuntu: apt install {package}).</source>
        <extracomment>Font families, in order; Qt falls back along the list (and then to fontconfig) per glyph. At most this many label candidates per frame (the highest priorities first). Point layers with more markers than this in view are not entered as obstacles (too dense to keep labels off them anyway; placement stays fast). Scripts whose fonts a Debian/Ubuntu user installs from one package (issue 13 item 6): the first word of the characters&apos; Unicode names -&gt; (the script&apos;s name, the package).</extracomment>
        <translation>未安装可显示{script}文字的字体（标注 {text} 中的 {chars}）：这些标注显示为方框。请安装相应字体（Debian/Ubuntu：apt install {package}）。</translation>
    </message>
    <message>
        <source>No installed font can draw {chars} in the label {text}: it shows as boxes. Install a font for that script (Debian: fonts-noto-core, fonts-noto-cjk).</source>
        <translation>没有已安装的字体能绘制标注 {text} 中的 {chars}：它们将显示为方框。请安装该文字的字体（Debian：fonts-noto-core、fonts-noto-cjk）。</translation>
    </message>
    <message>
        <source>Chinese, Japanese or Korean</source>
        <extracomment>Label texts checked for missing glyphs per call (:func:`font_warnings`).</extracomment>
        <translation>中日韩</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日文</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩文</translation>
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
        <translation>老挝文</translation>
    </message>
    <message>
        <source>Khmer</source>
        <translation>高棉文</translation>
    </message>
    <message>
        <source>Burmese</source>
        <translation>缅甸文</translation>
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
        <translation>泰米尔文</translation>
    </message>
    <message>
        <source>Sinhala</source>
        <translation>僧伽罗文</translation>
    </message>
    <message>
        <source>Javanese</source>
        <translation>爪哇文</translation>
    </message>
    <message>
        <source>Balinese</source>
        <translation>巴厘文</translation>
    </message>
    <message>
        <source>Tagalog</source>
        <translation>他加禄文</translation>
    </message>
</context>
<context>
    <name>layers</name>
    <message>
        <source>{lon}° E, {lat}° N</source>
        <extracomment>Every template the ``layers/`` functions pass to ``tr``.</extracomment>
        <translation>东经 {lon}°，北纬 {lat}°</translation>
    </message>
    <message>
        <source>{lon}° E, {lat}° S</source>
        <translation>东经 {lon}°，南纬 {lat}°</translation>
    </message>
    <message>
        <source>{lon}° W, {lat}° N</source>
        <translation>西经 {lon}°，北纬 {lat}°</translation>
    </message>
    <message>
        <source>{lon}° W, {lat}° S</source>
        <translation>西经 {lon}°，南纬 {lat}°</translation>
    </message>
    <message>
        <source>clicked at</source>
        <translation>点击位置</translation>
    </message>
    <message>
        <source>feature at</source>
        <translation>要素位置</translation>
    </message>
    <message>
        <source>length (geodesic)</source>
        <translation>长度（测地线）</translation>
    </message>
    <message>
        <source>area (geodesic)</source>
        <translation>面积（测地线）</translation>
    </message>
    <message>
        <source>perimeter (geodesic)</source>
        <translation>周长（测地线）</translation>
    </message>
    <message>
        <source>distance from click</source>
        <translation>距点击位置</translation>
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
        <translation>要素 {row}</translation>
    </message>
    <message>
        <source>RFS {year}</source>
        <translation>{year}年投产</translation>
    </message>
    <message>
        <source>not yet in service (expected {date})</source>
        <translation>尚未投产（预计 {date}）</translation>
    </message>
    <message>
        <source>not yet in service</source>
        <translation>尚未投产</translation>
    </message>
    <message>
        <source>suppliers: {list}</source>
        <translation>供应商：{list}</translation>
    </message>
    <message>
        <source>owners: {list}</source>
        <translation>所有者：{list}</translation>
    </message>
    <message>
        <source>1 feature read</source>
        <translation>读取 1 个要素</translation>
    </message>
    <message>
        <source>{n} features read</source>
        <translation>读取 {n} 个要素</translation>
    </message>
    <message>
        <source>{n} drawn</source>
        <translation>绘制 {n} 个</translation>
    </message>
    <message>
        <source>{n} without geometry</source>
        <translation>{n} 个无几何</translation>
    </message>
    <message>
        <source>{n} dropped (not geography)</source>
        <translation>{n} 个已舍弃（非地理坐标）</translation>
    </message>
    <message>
        <source>{n} repaired</source>
        <translation>{n} 个已修复</translation>
    </message>
    <message>
        <source>{n} invalid, drawn as read</source>
        <translation>{n} 个无效，按原样绘制</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{n} split at the antimeridian</source>
        <translation>{n} 个在 180° 经线处拆分</translation>
    </message>
    <message>
        <source>{n} skipped</source>
        <translation>{n} 个已跳过</translation>
    </message>
    <message>
        <source>CRS {crs}</source>
        <translation>坐标参考系：{crs}</translation>
    </message>
    <message>
        <source>encoding {encoding}</source>
        <translation>编码：{encoding}</translation>
    </message>
    <message>
        <source>time field {field}</source>
        <translation>时间字段：{field}</translation>
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
        <translation>要素 {row}</translation>
    </message>
</context>
<context>
    <name>projects</name>
    <message>
        <source>ASEAN Digital Atlas projects (*{suffix})</source>
        <extracomment>Autosave interval while there are unsaved changes, ms (``ATLAS_AUTOSAVE_MS`` overrides). The file dialogs&apos; filter (English; :func:`project_filter` gives it in the interface&apos;s language).</extracomment>
        <translation>东盟数字地图集项目 (*{suffix})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Restore the last session?</source>
        <translation>恢复上次的会话？</translation>
    </message>
    <message>
        <source>The Atlas was not closed cleanly. Restore the session autosaved at {time}?</source>
        <translation>地图集上次未正常关闭。要恢复 {time} 自动保存的会话吗？</translation>
    </message>
    <message>
        <source>Restored the session autosaved at {time}</source>
        <translation>已恢复 {time} 自动保存的会话</translation>
    </message>
</context>
</TS>
