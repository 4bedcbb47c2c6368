<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../salesdesk/app.py" line="86"/>
        <source>SalesDesk cannot open its data folder %1: %2</source>
        <translation>SalesDesk 无法打开数据文件夹 %1：%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/app.py" line="116"/>
        <source>%1 is not a SalesDesk backup, or it is damaged. Nothing was changed.</source>
        <translation>%1 不是 SalesDesk 备份，或已损坏。数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/app.py" line="119"/>
        <source>%1 was made by a newer SalesDesk. Nothing was changed.</source>
        <translation>%1 由更新版本的 SalesDesk 创建。数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/app.py" line="122"/>
        <source>%1 could not be restored (%2). Nothing was changed.</source>
        <translation>无法恢复 %1（%2）。数据未做任何改动。</translation>
    </message>
</context>
<context>
    <name>ArrivalDialog</name>
    <message>
        <location filename="../../salesdesk/ui/shipments/dialogs.py" line="48"/>
        <source>Confirm arrival</source>
        <translation>确认到货</translation>
    </message>
</context>
<context>
    <name>AssigneeBox</name>
    <message>
        <location filename="../../salesdesk/ui/customers/assignee.py" line="35"/>
        <location filename="../../salesdesk/ui/customers/assignee.py" line="47"/>
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
</context>
<context>
    <name>CancelVisitDialog</name>
    <message>
        <location filename="../../salesdesk/ui/visits/change.py" line="129"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/change.py" line="130"/>
        <source>Why the visit is cancelled</source>
        <translation>取消拜访的原因</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/change.py" line="131"/>
        <source>Cancel visit</source>
        <translation>取消拜访</translation>
    </message>
</context>
<context>
    <name>ClockSettingsDialog</name>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="106"/>
        <source>Committed times and working calendar</source>
        <translation>承诺时限与工作日历</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="112"/>
        <source>First contact within (working hours)</source>
        <translation>首次联系时限（工作小时）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="113"/>
        <source>Resolved within (working days)</source>
        <translation>解决时限（工作日）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="132"/>
        <source>Import holidays (.ics)…</source>
        <translation>导入节假日（.ics）…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="142"/>
        <source>Worked</source>
        <translation>上班</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="142"/>
        <source>Morning from</source>
        <translation>上午</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="143"/>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="144"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="143"/>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="144"/>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="153"/>
        <source>Working week (the lunch break is between the morning and the afternoon)</source>
        <translation>每周工作时间（上午与下午之间为午休）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="164"/>
        <source>Remove day</source>
        <translation>删除该日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="172"/>
        <source>Public holiday</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="173"/>
        <source>Make-up working day</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="174"/>
        <source>Add day</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="177"/>
        <source>Holidays and make-up working days in</source>
        <translation>节假日与调休上班日：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="198"/>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="212"/>
        <source>public holiday</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="213"/>
        <source>make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="250"/>
        <source>Calendar in %1: %2 public holidays, %3 make-up working days.</source>
        <translation>日历时区 %1：法定节假日 %2 天，调休上班 %3 天。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="263"/>
        <source>Import holidays</source>
        <translation>导入节假日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="264"/>
        <source>Calendar (*.ics)</source>
        <translation>日历文件 (*.ics)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/clock_settings.py" line="277"/>
        <source>Imported %1 holidays and %2 make-up working days; %3 open complaints timed again.</source>
        <translation>已导入节假日 %1 天、调休上班 %2 天；%3 条未结投诉已重新计算时限。</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../salesdesk/ui/promises/dialogs.py" line="234"/>
        <source>Close the promise</source>
        <translation>结束承诺</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/dialogs.py" line="251"/>
        <source>why it was not kept</source>
        <translation>未兑现的原因</translation>
    </message>
</context>
<context>
    <name>ComplaintTable</name>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="74"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="75"/>
        <source>Reference</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="76"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="77"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="78"/>
        <source>Severity</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="79"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="80"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="81"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="122"/>
        <source>First contact due %1</source>
        <translation>首次联系期限 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/table.py" line="124"/>
        <source>Resolution due %1</source>
        <translation>解决期限 %1</translation>
    </message>
</context>
<context>
    <name>Complaints</name>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="14"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="15"/>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="16"/>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="17"/>
        <source>WeChat / chat</source>
        <translation>微信/在线</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="18"/>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="24"/>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="25"/>
        <source>Delivery / transport</source>
        <translation>交货/运输</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="26"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="27"/>
        <source>Billing</source>
        <translation>账款</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="28"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="34"/>
        <source>Critical</source>
        <translation>特急</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="35"/>
        <source>High</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="36"/>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="37"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="43"/>
        <location filename="../../salesdesk/ui/complaints/words.py" line="60"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="44"/>
        <source>Acknowledged</source>
        <translation>已回执</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="45"/>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="46"/>
        <source>Investigating</source>
        <translation>调查中</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="47"/>
        <location filename="../../salesdesk/ui/complaints/words.py" line="65"/>
        <source>Escalated</source>
        <translation>已转总部</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="48"/>
        <location filename="../../salesdesk/ui/complaints/words.py" line="66"/>
        <source>Solution proposed</source>
        <translation>已提出方案</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="49"/>
        <source>Solution accepted</source>
        <translation>方案已接受</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="50"/>
        <source>Solution refused</source>
        <translation>方案被拒绝</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="51"/>
        <location filename="../../salesdesk/ui/complaints/words.py" line="69"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="52"/>
        <source>Satisfaction asked</source>
        <translation>已回访满意度</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="53"/>
        <location filename="../../salesdesk/ui/complaints/words.py" line="71"/>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="54"/>
        <location filename="../../salesdesk/ui/complaints/words.py" line="72"/>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="61"/>
        <source>Receipt given</source>
        <translation>已给回执</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="62"/>
        <source>Contacted the customer</source>
        <translation>已联系客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="63"/>
        <source>Investigation note</source>
        <translation>调查记录</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="64"/>
        <source>Message from the customer</source>
        <translation>客户来信/来电</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="67"/>
        <source>Customer accepted</source>
        <translation>客户接受</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="68"/>
        <source>Customer refused</source>
        <translation>客户拒绝</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="70"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="73"/>
        <source>Paused</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="74"/>
        <source>Resumed</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="82"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="87"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="91"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="94"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="105"/>
        <source>overdue %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="107"/>
        <source>%1 left</source>
        <translation>剩 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="110"/>
        <source>paused · %1</source>
        <translation>暂停 · %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="119"/>
        <source>The complaint is not resolved yet: resolve it first.</source>
        <translation>该投诉尚未解决，请先解决。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="122"/>
        <source>Propose a solution (one the customer has not refused) before resolving.</source>
        <translation>请先提出解决方案（且未被客户拒绝），再标记为已解决。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="125"/>
        <source>Contact the customer before proposing a solution.</source>
        <translation>请先联系客户，再提出解决方案。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="128"/>
        <source>The complaint is not paused.</source>
        <translation>该投诉没有暂停计时。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="131"/>
        <source>The complaint is already paused.</source>
        <translation>该投诉已经暂停计时。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="134"/>
        <source>The complaint is closed; reopen it first.</source>
        <translation>该投诉已结案，请先重新打开。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="137"/>
        <source>The complaint is still open; only a resolved or closed complaint can be reopened.</source>
        <translation>该投诉仍在处理中；只有已解决或已结案的投诉才能重新打开。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/words.py" line="141"/>
        <source>This step does not follow from where the complaint is now.</source>
        <translation>投诉当前所处的阶段不能进行这一步。</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="237"/>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="238"/>
        <source>Resolved and closed</source>
        <translation>已解决和已结案</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="239"/>
        <source>New complaint…</source>
        <translation>新建投诉…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="240"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="242"/>
        <source>All severities</source>
        <translation>全部紧急程度</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="244"/>
        <source>Any department</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="249"/>
        <source>Receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="250"/>
        <source>Resolution letter</source>
        <translation>处理结果函</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="251"/>
        <source>Committed times and calendar…</source>
        <translation>承诺时限与日历…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="252"/>
        <source>Attach files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="257"/>
        <location filename="../../salesdesk/ui/complaints/page.py" line="261"/>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="338"/>
        <source>%1 resolved or closed</source>
        <translation>已解决或已结案 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="342"/>
        <source>%1 open · %2 near breach · %3 breached · %4 paused</source>
        <translation>未结 %1 · 临近超时 %2 · 已超时 %3 · 暂停 %4</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="403"/>
        <source>First contact due %1 (%2)</source>
        <translation>首次联系期限 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="406"/>
        <source>contacted %1</source>
        <translation>%1 已联系</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="407"/>
        <source>Resolution due %1 (%2)</source>
        <translation>解决期限 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="409"/>
        <source>resolved %1</source>
        <translation>%1 已解决</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="414"/>
        <source>Attachments: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="480"/>
        <source>The complaint&apos;s receipt</source>
        <translation>投诉受理回执</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="481"/>
        <source>Printing the receipt…</source>
        <translation>正在打印受理回执…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="484"/>
        <source>The resolution letter</source>
        <translation>处理结果函</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="486"/>
        <source>Printing the resolution letter…</source>
        <translation>正在打印处理结果函…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/page.py" line="494"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../salesdesk/ui/shipments/dialogs.py" line="21"/>
        <source>New shipment notice</source>
        <translation>新建发货通知</translation>
    </message>
</context>
<context>
    <name>CustomerEditor</name>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="234"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="235"/>
        <source>Customer ID</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="236"/>
        <source>The id HQ&apos;s tools ask for; select it to copy</source>
        <translation>总部工具所需的编号，可选中复制</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="238"/>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="239"/>
        <source>Remove contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="240"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="241"/>
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="243"/>
        <source>By tier</source>
        <translation>按等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="244"/>
        <source>Separate tags with commas</source>
        <translation>多个标签用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="311"/>
        <source>New customers you create are yours: HQ assigns them to their creator.</source>
        <translation>您新建的客户归您负责：总部会把新客户分配给创建它的业务员。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="314"/>
        <source>Assigned by HQ. Only HQ can give this customer to someone else.</source>
        <translation>由总部分配。只有总部能把该客户转给其他业务员。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="316"/>
        <source>Set by HQ. Only HQ can change it.</source>
        <translation>由总部设定，只有总部可以修改。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="324"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="351"/>
        <source>%1 · sales in the last 12 months: CNY %2 · visit every %3 days</source>
        <translation>%1 级 · 近12个月销售额：¥%2 · 每 %3 天拜访一次</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="425"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="460"/>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存：请更正标出的字段。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="256"/>
        <location filename="../../salesdesk/ui/customers/editor.py" line="489"/>
        <source>Not saved yet.</source>
        <translation>尚未保存。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="502"/>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/editor.py" line="506"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>CustomerTable</name>
    <message>
        <location filename="../../salesdesk/ui/customers/table.py" line="46"/>
        <source>Company</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/table.py" line="47"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/table.py" line="48"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/table.py" line="49"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/table.py" line="50"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/table.py" line="51"/>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/table.py" line="52"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/table.py" line="53"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/table.py" line="54"/>
        <source>Sales, 12 months (CNY)</source>
        <translation>近12个月销售额（元）</translation>
    </message>
</context>
<context>
    <name>CustomerTimeline</name>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="138"/>
        <source>History</source>
        <translation>往来记录</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="139"/>
        <source>Pre-visit brief…</source>
        <translation>拜访前简报…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="141"/>
        <source>One page to read before the visit: last visits, open promises, prices heard</source>
        <translation>拜访前读一页：最近拜访、未完成的承诺、了解到的价格</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="142"/>
        <source>Print visit summary…</source>
        <translation>打印拜访纪要…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="144"/>
        <source>Print the selected visit&apos;s summary, or save it as a PDF</source>
        <translation>打印所选拜访的纪要，或另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="145"/>
        <source>Show older</source>
        <translation>显示更早的记录</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="200"/>
        <source>No visits, promises, competitor prices or complaints yet.</source>
        <translation>还没有拜访、承诺、竞品价格或投诉记录。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="279"/>
        <source>Visit · done</source>
        <translation>拜访 · 已完成</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="281"/>
        <source>summary printed</source>
        <translation>纪要已打印</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="284"/>
        <source>Next step: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="287"/>
        <source>Visit · cancelled</source>
        <translation>拜访 · 已取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="288"/>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="295"/>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="313"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="291"/>
        <source>Visit · planned, not recorded</source>
        <translation>拜访 · 已计划，未填写纪要</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="292"/>
        <source>Visit · planned</source>
        <translation>拜访 · 已计划</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="297"/>
        <source>Visit moved from %1 to %2</source>
        <translation>拜访由 %1 改到 %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="300"/>
        <source>Visit of %1 cancelled</source>
        <translation>%1 的拜访已取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="305"/>
        <source>open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="305"/>
        <source>kept</source>
        <translation>已兑现</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="306"/>
        <source>broken</source>
        <translation>未兑现</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="306"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="307"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="308"/>
        <source>Promise · due %1 · %2</source>
        <translation>承诺 · %1 到期 · %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="311"/>
        <source>(to %1)</source>
        <translation>（对 %1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="317"/>
        <source>Complaint %1 · %2 · %3</source>
        <translation>投诉 %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="321"/>
        <source>satisfaction %1/5</source>
        <translation>满意度 %1/5</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="331"/>
        <source>Competitor price · %1</source>
        <translation>竞品价格 · %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/timeline.py" line="332"/>
        <source>%1: theirs %2, ours %3</source>
        <translation>%1：对方 %2，我方 %3</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="209"/>
        <source>Search name, contact, phone or pinyin (e.g. qhjc)…</source>
        <translation>搜索名称、联系人、电话或拼音（如 qhjc）…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="211"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="212"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="213"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="217"/>
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="221"/>
        <source>No tier</source>
        <translation>无等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="226"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="230"/>
        <location filename="../../salesdesk/ui/customers/page.py" line="253"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="232"/>
        <location filename="../../salesdesk/ui/customers/page.py" line="259"/>
        <source>All salespeople</source>
        <translation>全部业务员</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="233"/>
        <location filename="../../salesdesk/ui/customers/page.py" line="259"/>
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="336"/>
        <source>%1 customers</source>
        <translation>共 %1 个客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="338"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="346"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="347"/>
        <source>The customer you are editing has unsaved changes. Discard them?</source>
        <translation>正在编辑的客户有未保存的修改。要放弃这些修改吗？</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/page.py" line="421"/>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
</context>
<context>
    <name>DueDialog</name>
    <message>
        <location filename="../../salesdesk/ui/promises/dialogs.py" line="279"/>
        <source>Change the due date</source>
        <translation>修改到期日</translation>
    </message>
</context>
<context>
    <name>EditorBanner</name>
    <message>
        <location filename="../../salesdesk/ui/customers/banner.py" line="38"/>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/banner.py" line="39"/>
        <source>Open the existing customer</source>
        <translation>打开已有客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/banner.py" line="55"/>
        <source>same unified social credit code</source>
        <translation>统一社会信用代码相同</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/banner.py" line="57"/>
        <source>same name</source>
        <translation>名称相同</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/banner.py" line="59"/>
        <source>same phone %1</source>
        <translation>电话相同 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/customers/banner.py" line="62"/>
        <source>This looks like a customer you already have:</source>
        <translation>这似乎是一个已有的客户：</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="112"/>
        <source>Something went wrong inside SalesDesk. Your saved data is safe; the last action may not have completed.</source>
        <translation>SalesDesk 内部出错。已保存的数据是安全的；最后一次操作可能没有完成。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="120"/>
        <source>Save a report for support?</source>
        <translation>是否保存一份错误报告以便技术支持？</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="121"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="127"/>
        <source>The report was saved to %1</source>
        <translation>报告已保存到 %1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="34"/>
        <source>SalesDesk may not write to %1. Choose another place or check the folder&apos;s permissions.</source>
        <translation>SalesDesk 无权写入 %1。请选择其他位置，或检查文件夹权限。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="40"/>
        <source>The disk is full. Free some space and try again; nothing was lost.</source>
        <translation>磁盘已满。请清理空间后重试；没有数据丢失。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="44"/>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="48"/>
        <source>The file system refused: %1</source>
        <translation>文件系统拒绝了操作：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="52"/>
        <source>The customer store is busy (another SalesDesk may be open). Try again in a moment.</source>
        <translation>客户数据库正忙（可能另一个 SalesDesk 正在运行）。请稍后重试。</translation>
    </message>
</context>
<context>
    <name>EtaDialog</name>
    <message>
        <location filename="../../salesdesk/ui/shipments/dialogs.py" line="74"/>
        <source>Change the estimated arrival</source>
        <translation>修改预计到达时间</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../salesdesk/ui/imports/export.py" line="35"/>
        <source>Salesperson login</source>
        <translation>业务员账号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/export.py" line="46"/>
        <source>Export customers</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/export.py" line="48"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/export.py" line="83"/>
        <source>Exporting customers…</source>
        <translation>正在导出客户…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/export.py" line="84"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/export.py" line="100"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/export.py" line="110"/>
        <source>Exported %1 customers to %2</source>
        <translation>已导出 %1 个客户到 %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/export.py" line="121"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消；未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="172"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="173"/>
        <source>A .xlsx workbook or a .csv file</source>
        <translation>.xlsx 工作簿或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="174"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/mapping.py" line="52"/>
        <source>First rows of the file</source>
        <translation>文件的前几行</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/mapping.py" line="123"/>
        <source>Which column holds what</source>
        <translation>各字段对应的列</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/mapping.py" line="126"/>
        <source>%1 (ignored):</source>
        <translation>%1（忽略）：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/mapping.py" line="130"/>
        <source>Customers you import are assigned to you. Only HQ can assign a customer to someone else, so the salesperson column is not imported; rows that name someone else are listed in the report.</source>
        <translation>您导入的客户都归您负责。只有总部能把客户分配给其他人，所以不导入业务员列；写了其他人的行会在报告中列出。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="179"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/report.py" line="52"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/report.py" line="53"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/report.py" line="54"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/report.py" line="55"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/report.py" line="56"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="181"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="182"/>
        <source>Import all</source>
        <translation>全部导入</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="183"/>
        <source>Import the valid rows</source>
        <translation>只导入有效行</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="184"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="186"/>
        <source>Import customers whose salesperson is not in this store as unassigned</source>
        <translation>业务员不在本机的客户，按未分配导入</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="193"/>
        <source>Choose a spreadsheet</source>
        <translation>选择表格文件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="194"/>
        <source>Spreadsheets (*.xlsx *.csv *.tsv *.txt);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="204"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/dialog.py" line="214"/>
        <source>%n data rows. Check that each field takes the right column, then press Check.</source>
        <translation>
            <numerusform>共 %n 行数据。请确认每个字段对应正确的列，然后点击“检查”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/mapping.py" line="74"/>
        <source>%1 (ignored)</source>
        <translation>%1（忽略）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/mapping.py" line="147"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="245"/>
        <source>The columns changed; press Check again.</source>
        <translation>列的对应已更改；请重新点击“检查”。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/dialog.py" line="256"/>
        <source>Checking %n rows…</source>
        <translation>
            <numerusform>正在检查 %n 行…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/report.py" line="75"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/report.py" line="76"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/report.py" line="74"/>
        <source>Question</source>
        <translation>待确认</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="174"/>
        <source>Import as a separate customer</source>
        <translation>作为另一个客户导入</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="176"/>
        <source>Merge into row %1&apos;s customer</source>
        <translation>并入第 %1 行的客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="179"/>
        <source>Skip these rows (%1)</source>
        <translation>跳过这些行（%1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="320"/>
        <source>Applying your choice…</source>
        <translation>正在按您的选择更新…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="118"/>
        <source>no salesperson with this login or name in this store. Log in and sync to receive the sales team from HQ, or import these customers unassigned (the option below)</source>
        <translation>本机没有此账号或姓名的业务员。请先登录并同步，从总部获取业务员名单；或按未分配导入这些客户（见下方选项）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="128"/>
        <source>looks like the existing customer %1 (same name)</source>
        <translation>与已有客户 %1 相似（名称相同）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="132"/>
        <source>is already the phone of the existing customer %1</source>
        <translation>已是已有客户 %1 的电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="136"/>
        <source>is taken to mean the customer %1</source>
        <translation>视为客户 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="139"/>
        <source>not applied: only HQ can assign a customer to someone else; this customer is imported as yours</source>
        <translation>未采用：只有总部能把客户分配给其他人；此客户导入后归您负责</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="332"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="157"/>
        <source>%1: may be the same company as row %2 (%3)</source>
        <translation>%1：可能与第 %2 行（%3）是同一家公司</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="161"/>
        <source>may be the same company as row %2 (%3)</source>
        <translation>可能与第 %2 行（%3）是同一家公司</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="165"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="167"/>
        <source>%1; they differ in %2</source>
        <translation>%1；两者的%2不同</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="143"/>
        <source>repeats row %1 exactly; imported once</source>
        <translation>与第 %1 行完全相同，只导入一次</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="147"/>
        <source>no salesperson with this login or name in this store; the customer is imported unassigned</source>
        <translation>本机没有此账号或姓名的业务员，该客户按未分配导入</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="150"/>
        <source>differs from an earlier row of the same customer; this value is ignored</source>
        <translation>与同一客户前面的行不一致，此值不导入</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="108"/>
        <source>Rows: %1 new customers, %2 added to the customer of an earlier row, %3 skipped, %4 with errors.</source>
        <translation>各行去向：新建客户 %1，并入前面行的客户 %2，跳过 %3，有错误 %4。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="353"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="386"/>
        <source>Something went wrong inside SalesDesk; nothing was imported.</source>
        <translation>SalesDesk 内部出错；未导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/dialog.py" line="393"/>
        <source>Import cancelled. Nothing was imported.</source>
        <translation>导入已取消。未导入任何数据。</translation>
    </message>
</context>
<context>
    <name>ImportWords</name>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="36"/>
        <source>Import customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="39"/>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="44"/>
        <source>%n customers can be imported from the valid rows.</source>
        <translation>
            <numerusform>有效行中可导入 %n 个客户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="47"/>
        <source>%n customers will be created.</source>
        <translation>
            <numerusform>将新建 %n 个客户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="52"/>
        <source>%n rows may be the same company as an earlier row: choose in the report.</source>
        <translation>
            <numerusform>%n 行可能与前面的行是同一家公司：请在报告中选择处理方式。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="59"/>
        <source>%n orders can be imported from the valid rows.</source>
        <translation>
            <numerusform>有效行中可导入 %n 个订单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="62"/>
        <source>%n orders will be imported.</source>
        <translation>
            <numerusform>将导入 %n 个订单。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="64"/>
        <source>Valid orders total %1 CNY.</source>
        <translation>有效订单合计 %1 元。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="70"/>
        <source>Imported %n customers</source>
        <translation>
            <numerusform>已导入 %n 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="71"/>
        <source>with %n contacts.</source>
        <translation>
            <numerusform>，含 %n 个联系人。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="77"/>
        <source>Imported %n orders</source>
        <translation>
            <numerusform>已导入 %n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="78"/>
        <source>totalling %1 CNY.</source>
        <translation>，合计 %1 元。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="79"/>
        <source>Customer tiers now: %1 A, %2 B, %3 C.</source>
        <translation>客户分级现为：A 类 %1 个，B 类 %2 个，C 类 %3 个。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="83"/>
        <source>%n rows with errors were left out.</source>
        <translation>
            <numerusform>%n 行有错误，未导入。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="90"/>
        <source>%n of %1 rows have errors.</source>
        <translation>
            <numerusform>%1 行中有 %n 行存在错误。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="92"/>
        <source>All %n rows are valid.</source>
        <translation>
            <numerusform>全部 %n 行均有效。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/imports/words.py" line="96"/>
        <source>%n warnings (not errors): look at them before importing.</source>
        <translation>
            <numerusform>%n 条警告（不是错误）：导入前请查看。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/imports/words.py" line="99"/>
        <source>The first %1 problems are listed.</source>
        <translation>仅列出前 %1 个问题。</translation>
    </message>
</context>
<context>
    <name>MailMenu</name>
    <message>
        <location filename="../../salesdesk/ui/mail/menu.py" line="47"/>
        <source>&amp;Mail</source>
        <translation>邮件(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/menu.py" line="48"/>
        <source>&amp;Outbox</source>
        <translation>发件箱(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/menu.py" line="49"/>
        <source>Mail &amp;settings…</source>
        <translation>邮件设置(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>MailSettingsDialog</name>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="24"/>
        <source>Mail settings</source>
        <translation>邮件设置</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="31"/>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="31"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="32"/>
        <source>None (not encrypted)</source>
        <translation>无（不加密）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="41"/>
        <source>Zhang San &lt;zhang@example.cn&gt;</source>
        <translation>张三 &lt;zhang@example.cn&gt;</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="44"/>
        <source>usually your address; empty if none is needed</source>
        <translation>通常就是您的邮箱地址；服务器不要求登录时留空</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="49"/>
        <source>stored in the system keyring; leave empty to keep it</source>
        <translation>保存在系统钥匙串中；留空则保留原密码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="50"/>
        <source>stored in the system keyring</source>
        <translation>保存在系统钥匙串中</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="53"/>
        <source>Mail server</source>
        <translation>邮件服务器</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="54"/>
        <source>Encryption</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="55"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="56"/>
        <source>Your address</source>
        <translation>您的邮箱地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="57"/>
        <source>Login</source>
        <translation>登录账号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="58"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="271"/>
        <source>SalesDesk</source>
        <translation>SalesDesk 销售助手</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="272"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="272"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="273"/>
        <source>Visits</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="273"/>
        <source>Promises</source>
        <translation>承诺</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="275"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="274"/>
        <source>Shipments</source>
        <translation>发货</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="274"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="276"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="277"/>
        <source>Send your changes to HQ and receive HQ&apos;s</source>
        <translation>把您的修改发送到总部，并接收总部的更新</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="281"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="282"/>
        <source>&amp;Back up the store…</source>
        <translation>备份数据(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="283"/>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="284"/>
        <source>&amp;Import customers…</source>
        <translation>导入客户(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="285"/>
        <source>Import &amp;orders…</source>
        <translation>导入订单(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="286"/>
        <source>&amp;Export customers…</source>
        <translation>导出客户(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="287"/>
        <source>Export visits to &amp;calendar (.ics)…</source>
        <translation>导出拜访到日历 (.ics)(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="288"/>
        <source>New &amp;complaint…</source>
        <translation>新建投诉(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="289"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="290"/>
        <source>New &amp;shipment notice…</source>
        <translation>新建发货通知(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="292"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="293"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="294"/>
        <source>&amp;About SalesDesk</source>
        <translation>关于 SalesDesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="320"/>
        <source>Back up the store</source>
        <translation>备份数据</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="322"/>
        <source>SalesDesk store (*.sqlite3)</source>
        <translation>SalesDesk 数据文件 (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="334"/>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="343"/>
        <location filename="../../salesdesk/ui/main_window.py" line="354"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="345"/>
        <source>SalesDesk store (*.sqlite3);;All files (*)</source>
        <translation>SalesDesk 数据文件 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="356"/>
        <source>Replace the current data with the backup %1?

The current data is kept aside in %2, not deleted.</source>
        <translation>用备份 %1 替换当前数据吗？

当前数据会另存到 %2，不会被删除。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="385"/>
        <source>Restored. The previous data was kept in %1</source>
        <translation>已恢复。原数据保存在 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="430"/>
        <source>Export visits to calendar</source>
        <translation>导出拜访到日历</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="432"/>
        <source>iCalendar file (*.ics)</source>
        <translation>iCalendar 日历文件 (*.ics)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="446"/>
        <source>%1 visits exported to %2</source>
        <translation>已导出 %1 次拜访到 %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="462"/>
        <source>About SalesDesk</source>
        <translation>关于 SalesDesk</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="464"/>
        <source>SalesDesk %1 — the field salesperson&apos;s working copy of the customer record.</source>
        <translation>SalesDesk %1 —— 外勤销售员随身的客户档案。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="24"/>
        <source>Contact %1: %2</source>
        <translation>联系人 %1：%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="31"/>
        <source>Line %1: %2</source>
        <translation>第%1行：%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="38"/>
        <source>Competitor quote %1: %2</source>
        <translation>竞品报价 %1：%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="40"/>
        <source>Promise %1: %2</source>
        <translation>承诺 %1：%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="45"/>
        <source>%1 morning</source>
        <translation>%1上午</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="46"/>
        <source>%1 afternoon</source>
        <translation>%1下午</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="49"/>
        <source>Working week</source>
        <translation>每周工作日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="50"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="51"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="52"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="53"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="54"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="55"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="56"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="57"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="58"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="59"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="60"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="61"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="62"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="63"/>
        <source>Visit every (days)</source>
        <translation>拜访周期（天）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="64"/>
        <location filename="../../salesdesk/ui/messages.py" line="65"/>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="66"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="67"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="68"/>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="69"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="70"/>
        <source>Landline</source>
        <translation>座机</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="71"/>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="72"/>
        <source>Primary contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="73"/>
        <source>Contact name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="74"/>
        <source>Contact phone</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="77"/>
        <source>Contact email</source>
        <translation>联系人邮箱</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="78"/>
        <source>Contact notes</source>
        <translation>联系人备注</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="79"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="80"/>
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="81"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="82"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="83"/>
        <source>Product code</source>
        <translation>产品编码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="84"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="85"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="86"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="87"/>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="88"/>
        <source>End time</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="90"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="91"/>
        <source>Visited at</source>
        <translation>拜访时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="92"/>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="93"/>
        <source>Contacts met</source>
        <translation>见到的联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="94"/>
        <source>Also met</source>
        <translation>其他见到的人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="95"/>
        <source>Discussed</source>
        <translation>洽谈内容</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="96"/>
        <source>Customer needs</source>
        <translation>客户需求</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="97"/>
        <source>New dissatisfactions</source>
        <translation>新的不满</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="98"/>
        <source>Problems receiving goods</source>
        <translation>收货问题</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="99"/>
        <source>What more we could do</source>
        <translation>还能为客户做什么</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="100"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="101"/>
        <source>Competitor quotes</source>
        <translation>竞品报价</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="102"/>
        <source>Competitor</source>
        <translation>竞争对手</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="103"/>
        <source>Product / spec</source>
        <translation>产品/规格</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="104"/>
        <source>Their price</source>
        <translation>对方价格</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="105"/>
        <source>Our price</source>
        <translation>我方价格</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="106"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="107"/>
        <source>Promises made</source>
        <translation>做出的承诺</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="108"/>
        <source>Promise</source>
        <translation>承诺内容</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="109"/>
        <location filename="../../salesdesk/ui/messages.py" line="110"/>
        <source>Made to</source>
        <translation>承诺对象</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="111"/>
        <source>Who delivers</source>
        <translation>负责兑现</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="112"/>
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="113"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="114"/>
        <source>Contacts to meet</source>
        <translation>拜访对象</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="116"/>
        <source>Products and quantities</source>
        <translation>产品规格和数量</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="117"/>
        <source>Ship time</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="118"/>
        <source>Truck plate</source>
        <translation>车号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="119"/>
        <source>Driver&apos;s phone</source>
        <translation>司机联系电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="120"/>
        <source>Estimated arrival</source>
        <translation>预计到达时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="121"/>
        <source>Driver</source>
        <translation>司机</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="122"/>
        <source>Carrier</source>
        <translation>承运方</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="123"/>
        <source>Order reference</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="124"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="125"/>
        <source>Recipients</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="126"/>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="127"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="128"/>
        <source>Batch number</source>
        <translation>批号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="129"/>
        <source>Arrived at</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="130"/>
        <source>Received by</source>
        <translation>签收人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="131"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="133"/>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="134"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="135"/>
        <source>Channel</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="136"/>
        <source>Severity</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="137"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="138"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="139"/>
        <source>Mail server</source>
        <translation>邮件服务器</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="140"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="141"/>
        <source>Encryption</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="142"/>
        <source>Your address</source>
        <translation>您的邮箱地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="143"/>
        <source>Login</source>
        <translation>登录账号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="153"/>
        <source>is already in SalesDesk: %1</source>
        <translation>已存在于 SalesDesk 中：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="158"/>
        <source>is also on row %2: %1</source>
        <translation>与第 %2 行重复：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="163"/>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="164"/>
        <source>is longer than %1 characters</source>
        <translation>超过 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="167"/>
        <source>must be an 11-digit mobile number starting with 1</source>
        <translation>必须是以 1 开头的 11 位手机号码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="170"/>
        <source>must be a landline with area code, e.g. 0571-88886666</source>
        <translation>必须是带区号的座机号码，如 0571-88886666</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="173"/>
        <source>must be a mobile number or a landline with area code</source>
        <translation>必须是手机号码或带区号的座机号码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="176"/>
        <source>is not a valid email address</source>
        <translation>不是有效的电子邮箱地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="177"/>
        <source>has a value that is not allowed: %1</source>
        <translation>的值不允许：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="180"/>
        <source>must be a whole number from 1 to %1</source>
        <translation>必须是 1 到 %1 之间的整数</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="183"/>
        <source>must be an amount such as 12800.50</source>
        <translation>必须是金额，如 12800.50</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="186"/>
        <source>must be a date such as 2026-03-31</source>
        <translation>必须是日期，如 2026-03-31</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="187"/>
        <source>must be the 18-character code on the business licence</source>
        <translation>必须是营业执照上的 18 位代码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="191"/>
        <source>appears more than once: %1</source>
        <translation>重复出现：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="194"/>
        <source>is not in SalesDesk: %1</source>
        <translation>在 SalesDesk 中不存在：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="197"/>
        <source>%1 matches %2 customers (%3); write the full name</source>
        <translation>%1 对应 %2 个客户（%3），请填写客户全称</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="203"/>
        <source>can only be changed by HQ</source>
        <translation>只能由总部修改</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="206"/>
        <source>must be a salesperson: HQ assigns customers to salespeople only</source>
        <translation>必须是业务员：总部只把客户分配给业务员</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="209"/>
        <source>is already closed and cannot be changed</source>
        <translation>已结束，不能再更改</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="212"/>
        <source>is already open</source>
        <translation>仍未关闭，无需重新打开</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="213"/>
        <source>must be given</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="214"/>
        <source>cannot be before the day the promise was made</source>
        <translation>不能早于做出承诺的日期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="217"/>
        <source>cannot be before the start time</source>
        <translation>不能早于开始时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="220"/>
        <source>is not a Chinese plate such as 粤B·12345 (read: %1)</source>
        <translation>不是有效的车牌号（如粤B·12345），读到的是：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="223"/>
        <source>must be a number above zero with at most three decimals</source>
        <translation>必须是大于零的数，最多三位小数</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="226"/>
        <source>must be after the ship time</source>
        <translation>必须晚于发货时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="229"/>
        <source>is more than %1 days away; check the date</source>
        <translation>相差超过%1天，请检查日期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="232"/>
        <source>cannot be in the future</source>
        <translation>不能晚于现在</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="233"/>
        <source>must start after the morning ends (the lunch break cannot be negative)</source>
        <translation>必须在上午下班之后开始（午休时间不能为负）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="236"/>
        <source>needs at least one weekday worked</source>
        <translation>至少需要有一天上班</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="240"/>
        <source>must be resolved first</source>
        <translation>须先解决</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="243"/>
        <source>needs a solution proposed (and not refused) first</source>
        <translation>须先提出解决方案（且未被客户拒绝）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="246"/>
        <source>needs the customer contacted first</source>
        <translation>须先联系客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="249"/>
        <source>is not paused</source>
        <translation>未暂停</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="250"/>
        <source>is already paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="251"/>
        <source>must be from 1 to 5</source>
        <translation>须为 1 到 5 分</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="252"/>
        <source>does not allow this step now</source>
        <translation>当前不能进行这一步</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="262"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="263"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="264"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="265"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="266"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="267"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="268"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="275"/>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="283"/>
        <source>Key</source>
        <translation>重点客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="284"/>
        <source>Ordinary</source>
        <translation>一般客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="285"/>
        <source>Potential</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="286"/>
        <source>Target</source>
        <translation>目标客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="287"/>
        <source>Lost</source>
        <translation>流失客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="295"/>
        <source>Me</source>
        <translation>本人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="296"/>
        <source>Logistics</source>
        <translation>物流部</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="297"/>
        <source>Quality</source>
        <translation>质量部</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="298"/>
        <source>Technical</source>
        <translation>技术部</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="299"/>
        <source>Finance</source>
        <translation>财务部</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="300"/>
        <source>Sales office</source>
        <translation>销售内勤</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="306"/>
        <source>Open</source>
        <translation>未结束</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="307"/>
        <source>Kept</source>
        <translation>已兑现</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="308"/>
        <source>Broken</source>
        <translation>未兑现</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="309"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="321"/>
        <source>Unknown user (%1)</source>
        <translation>未知用户（%1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="325"/>
        <source>%1 (inactive)</source>
        <translation>%1（已停用）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="346"/>
        <source>HQ had a problem and did not finish the sync. Nothing is lost; please try again later.</source>
        <translation>总部服务器出错，同步未完成。没有数据丢失；请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="358"/>
        <source>%1 is not a SalesDesk backup, or it is damaged. Nothing was changed.</source>
        <translation>%1 不是 SalesDesk 备份文件，或文件已损坏。数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="361"/>
        <source>This backup was made by a newer SalesDesk. Please update SalesDesk first. Nothing was changed.</source>
        <translation>此备份由更新版本的 SalesDesk 创建。请先升级 SalesDesk。数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="366"/>
        <source>The customer data is damaged</source>
        <translation>客户数据已损坏</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="369"/>
        <source>The data file is not a SalesDesk file</source>
        <translation>数据文件不是 SalesDesk 的文件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="372"/>
        <source>SalesDesk may not write to its data folder</source>
        <translation>SalesDesk 无权写入数据文件夹</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="376"/>
        <source>This customer is no longer yours: HQ reassigned it to another salesperson (or deleted it), and the last sync removed it from this computer. Changes made here cannot be saved; its history stays at HQ with the new salesperson.</source>
        <translation>该客户已不归您负责：总部已将其转给其他销售员（或已删除），上次同步已将其从本机移除。此处的修改无法保存；客户的全部记录仍保留在总部，由新的销售员接手。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="383"/>
        <source>This promise is no longer on this computer (it was deleted, or its customer was reassigned). Nothing was changed.</source>
        <translation>这条承诺已不在本机上（已被删除，或其客户已转给他人）。未做任何修改。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="387"/>
        <source>This shipment notice is no longer on this computer (it was deleted, or its customer was reassigned). Nothing was changed.</source>
        <translation>这份发货通知已不在本机上（已被删除，或客户已转给他人）。没有做任何更改。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="391"/>
        <source>This complaint is no longer on this computer (it was deleted, or its customer was reassigned). Nothing was changed.</source>
        <translation>这条投诉已不在本机上（已被删除，或其客户已转给他人）。未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="394"/>
        <source>SalesDesk cannot read the complaint calendar or policy in {file} ({problem}). Fix or remove the file; until then complaints cannot be timed.</source>
        <translation>SalesDesk 无法读取 {file} 中的投诉工作日历或时限规则（{problem}）。请修正或删除该文件；在此之前无法计算投诉时限。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="397"/>
        <source>{file} is {size_mb} MB; attachments can be at most {limit_mb} MB. Nothing was saved.</source>
        <translation>{file} 大小为 {size_mb} MB，附件最大 {limit_mb} MB。未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="400"/>
        <source>SalesDesk could not read {file}: {problem}. Nothing was saved.</source>
        <translation>SalesDesk 无法读取 {file}：{problem}。未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="402"/>
        <source>SalesDesk could not import holidays from {file}: {problem}. The calendar was not changed.</source>
        <translation>SalesDesk 无法从 {file} 导入节假日：{problem}。日历未做更改。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="405"/>
        <source>Complaint {reference} is not resolved yet: there is no resolution to write to the customer about.</source>
        <translation>投诉 {reference} 尚未解决，还没有可以告知客户的处理结果。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="409"/>
        <source>This visit is no longer here: it was deleted, here or at HQ.</source>
        <translation>这次拜访已不存在：已在本机或总部被删除。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="413"/>
        <source>SalesDesk could not open {file}: {reason}</source>
        <translation>SalesDesk 无法打开 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="416"/>
        <source>{file} is not in a text encoding SalesDesk knows (UTF-8 or GBK). In Excel, save it as &quot;CSV UTF-8&quot; or as an .xlsx workbook.</source>
        <translation>{file} 的文本编码无法识别（支持 UTF-8 或 GBK）。请在 Excel 中另存为“CSV UTF-8”或 .xlsx 工作簿。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="421"/>
        <source>{file} is not a spreadsheet SalesDesk can read. Choose an .xlsx workbook or a .csv file.</source>
        <translation>{file} 不是 SalesDesk 能读取的表格。请选择 .xlsx 工作簿或 .csv 文件。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="426"/>
        <source>{file} is an Excel 97-2003 workbook (.xls) or is protected by a password. Open it in Excel and save it as an .xlsx workbook without a password.</source>
        <translation>{file} 是 Excel 97-2003 工作簿（.xls）或设置了密码。请在 Excel 中打开并另存为无密码的 .xlsx 工作簿。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="431"/>
        <source>{file} has no header row and no data.</source>
        <translation>{file} 没有表头，也没有数据。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="434"/>
        <source>This laptop was logged in as a salesperson after the check, so the customers cannot be assigned as planned. Nothing was imported; press Check again.</source>
        <translation>检查之后本机已以业务员身份登录，客户无法按检查时的计划分配。未导入任何数据；请重新点击“检查”。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="440"/>
        <source>Some rows have errors, so nothing was imported. Correct them in the file and check again, or import only the valid rows.</source>
        <translation>部分行有错误，因此未导入任何数据。请在文件中更正后重新检查，或只导入有效行。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="445"/>
        <source>The customer store could not be written ({reason}). Nothing was imported.</source>
        <translation>无法写入客户数据库（{reason}）。未导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="448"/>
        <source>The store could not be written ({reason}). No orders were imported.</source>
        <translation>无法写入数据库（{reason}），未导入任何订单。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="353"/>
        <location filename="../../salesdesk/ui/messages.py" line="493"/>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="453"/>
        <source>Please log in to HQ first.</source>
        <translation>请先登录总部。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="455"/>
        <source>Your login has expired or was revoked. Please log in again.</source>
        <translation>登录已过期或被撤销。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="457"/>
        <source>HQ did not accept this username and password.</source>
        <translation>总部不接受此用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="459"/>
        <source>Too many failed logins. Please wait a few minutes and try again.</source>
        <translation>登录失败次数过多。请等几分钟后再试。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="461"/>
        <source>HQ&apos;s certificate could not be verified. Check the server address, or choose the company CA file.</source>
        <translation>无法验证总部服务器的证书。请检查服务器地址，或选择公司 CA 证书文件。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="464"/>
        <source>HQ needs a newer SalesDesk. Please install the update; your unsent changes are kept.</source>
        <translation>总部要求使用更新版本的 SalesDesk。请安装更新；未发送的修改会保留。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="467"/>
        <source>HQ runs an older version than this SalesDesk. Please ask whoever looks after HQ to update it; your unsent changes are kept.</source>
        <translation>总部服务器的版本比这个 SalesDesk 旧。请联系总部服务器的管理人员升级；未发送的修改会保留。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="470"/>
        <source>HQ cannot be reached. Check the network and the server address; your changes are kept and will be sent next time.</source>
        <translation>无法连接总部。请检查网络和服务器地址；您的修改会保留，下次同步时发送。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="473"/>
        <source>This data belongs to another HQ account. Log in with the account it belongs to.</source>
        <translation>这些数据属于另一个总部账号。请用该账号登录。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="479"/>
        <source>HQ refused an attachment: it is over the size limit or its file was damaged on this computer. The complaint and its other attachments are kept.</source>
        <translation>总部拒收了一个附件：它超过了大小上限，或本机上的文件已损坏。投诉及其他附件均已保留。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="482"/>
        <source>HQ does not have this attachment yet: the colleague who attached it has not synced since. It will come with a later sync.</source>
        <translation>总部还没有这个附件：添加它的同事之后尚未同步。之后的同步会把它带过来。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="485"/>
        <source>An attachment was being sent from two places at once; it will be finished on the next sync.</source>
        <translation>同一个附件正从两处同时上传；下次同步时会传完。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="489"/>
        <source>This visit or customer is no longer on this computer; nothing was printed.</source>
        <translation>此拜访或客户已不在本机上，未打印任何内容。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="491"/>
        <source>No visits are planned for {day}; nothing was printed.</source>
        <translation>{day} 没有计划的拜访，未打印任何内容。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="496"/>
        <source>This mail has no recipient; nothing was sent.</source>
        <translation>这封邮件没有收件人，未发送。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="498"/>
        <source>{address} is not an email address.</source>
        <translation>{address} 不是有效的邮箱地址。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="500"/>
        <source>Only a mail that failed, or whose outcome is unknown, can be sent again.</source>
        <translation>只有发送失败或结果未知的邮件才能重新发送。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="502"/>
        <source>This mail is no longer in the outbox.</source>
        <translation>这封邮件已不在发件箱中。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="504"/>
        <source>Mail is not set up yet: enter the mail server and your address in Mail settings. Your mail stays in the outbox.</source>
        <translation>尚未设置邮件：请在“邮件设置”中填写邮件服务器和您的邮箱地址。邮件会留在发件箱中。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="507"/>
        <source>The mail server {server} cannot be reached ({reason}). Your mail stays in the outbox and is sent when the server can be reached.</source>
        <translation>无法连接邮件服务器 {server}（{reason}）。邮件会留在发件箱中，连上服务器后自动发送。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="510"/>
        <source>The mail server refused the login {login} ({reason}). Check the login and password in Mail settings; your mail stays in the outbox.</source>
        <translation>邮件服务器拒绝了登录账号 {login}（{reason}）。请在“邮件设置”中检查账号和密码；邮件会留在发件箱中。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="513"/>
        <source>No password is stored for {login}. Enter it in Mail settings; your mail stays in the outbox.</source>
        <translation>没有保存 {login} 的密码。请在“邮件设置”中输入；邮件会留在发件箱中。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="516"/>
        <source>The printer {printer} did not take the job. Check that it is switched on and connected (or that the file can be written), then print again.</source>
        <translation>打印机 {printer} 未能接受打印任务。请检查打印机是否开机并已连接（或文件能否写入），然后重新打印。</translation>
    </message>
</context>
<context>
    <name>NewComplaintButton</name>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="299"/>
        <source>New complaint…</source>
        <translation>新建投诉…</translation>
    </message>
</context>
<context>
    <name>NewPromiseDialog</name>
    <message>
        <location filename="../../salesdesk/ui/promises/dialogs.py" line="176"/>
        <source>New promise</source>
        <translation>新建承诺</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/dialogs.py" line="184"/>
        <source>if not a contact on file</source>
        <translation>不是已登记的联系人时填写</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="73"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="73"/>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="73"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="73"/>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="114"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="74"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="105"/>
        <source>Sent %1</source>
        <translation>已于 %1 发出</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="107"/>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="109"/>
        <source>Failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="111"/>
        <source>Outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="113"/>
        <source>Queued, next try %1</source>
        <translation>排队中，%1 重试</translation>
    </message>
</context>
<context>
    <name>OutboxWindow</name>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="186"/>
        <source>Outbox</source>
        <translation>发件箱</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="187"/>
        <source>Send now</source>
        <translation>立即发送</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="188"/>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="234"/>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="189"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="190"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="235"/>
        <source>The connection was lost just after this mail was handed over, so the server may already have it and the recipient may get it twice. Send it again?</source>
        <translation>这封邮件交给服务器后连接中断，服务器可能已经收到，重新发送的话对方可能会收到两封。确定重新发送吗？</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="259"/>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="270"/>
        <source>Stopped; %1 still queued.</source>
        <translation>已停止；还有 %1 封在排队。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="273"/>
        <source>Sent: %1.</source>
        <translation>已发送：%1 封。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="274"/>
        <source>Failed: %1.</source>
        <translation>失败：%1 封。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="275"/>
        <source>Outcome unknown: %1.</source>
        <translation>结果未知：%1 封。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/mail/outbox.py" line="276"/>
        <source>To be retried: %1.</source>
        <translation>稍后重试：%1 封。</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="296"/>
        <source>Visit outcome</source>
        <translation>拜访纪要</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="299"/>
        <source>Contacts &amp;met</source>
        <translation>见到的联系人(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="300"/>
        <source>&amp;Discussed</source>
        <translation>洽谈内容(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="305"/>
        <source>Add quote (Ctrl+Shift+Q)</source>
        <translation>添加报价 (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="306"/>
        <source>Remove quote</source>
        <translation>删除报价</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="307"/>
        <source>Add promise (Ctrl+Shift+P)</source>
        <translation>添加承诺 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="308"/>
        <source>Remove promise</source>
        <translation>删除承诺</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="309"/>
        <source>Discard draft…</source>
        <translation>放弃草稿…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="310"/>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="311"/>
        <source>Closes the form; what you typed is kept as a draft</source>
        <translation>关闭表单；已填写的内容保存为草稿</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="312"/>
        <source>Record (Ctrl+Enter)</source>
        <translation>记录 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="313"/>
        <source>Why you went</source>
        <translation>为什么去拜访</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="314"/>
        <source>Others met, by name and role</source>
        <translation>其他见到的人：姓名和职务</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="320"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="323"/>
        <source>Record a visit that was not planned</source>
        <translation>记录一次计划外的拜访</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="328"/>
        <source>%1 · planned for %2</source>
        <translation>%1 · 计划于 %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="366"/>
        <source>Restored the draft saved at %1; it is not recorded yet.</source>
        <translation>已恢复 %1 保存的草稿，尚未记录。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/cells.py" line="266"/>
        <source>This promise is closed; it is changed on the Promises page.</source>
        <translation>此承诺已结束，请在“承诺”页面修改。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="466"/>
        <source>A closed promise stays with its visit.</source>
        <translation>已结束的承诺不能从拜访中删除。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="524"/>
        <source>Draft saved.</source>
        <translation>草稿已保存。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="533"/>
        <source>Discard draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="534"/>
        <source>Throw away what you typed and not recorded? This cannot be undone.</source>
        <translation>丢弃已填写但尚未记录的内容吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="549"/>
        <source>Draft discarded.</source>
        <translation>草稿已放弃。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="585"/>
        <source>Recording…</source>
        <translation>正在记录…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="593"/>
        <source>Recorded.</source>
        <translation>已记录。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="601"/>
        <source>Not recorded.</source>
        <translation>未记录。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="622"/>
        <source>Not recorded: please correct the marked fields.</source>
        <translation>未记录：请更正标出的字段。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="678"/>
        <source>Record visit (&amp;unplanned)…</source>
        <translation>记录计划外拜访(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/outcome.py" line="679"/>
        <source>Record the outcome of a visit that was not planned</source>
        <translation>记录一次计划外拜访的纪要</translation>
    </message>
</context>
<context>
    <name>PlanVisitButton</name>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="279"/>
        <source>Plan visit…</source>
        <translation>计划拜访…</translation>
    </message>
</context>
<context>
    <name>PlanVisitDialog</name>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="155"/>
        <source>Plan visit</source>
        <translation>计划拜访</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="158"/>
        <source>Find customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="158"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="158"/>
        <source>Contacts to meet</source>
        <translation>拜访对象</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="159"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="159"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="159"/>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="159"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="163"/>
        <source>Name, contact, phone or pinyin…</source>
        <translation>名称、联系人、电话或拼音…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="164"/>
        <source>What the visit is for</source>
        <translation>这次拜访要做什么</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="165"/>
        <source>The customer&apos;s address</source>
        <translation>客户地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="166"/>
        <source>Plan</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/plan.py" line="168"/>
        <source>(choose a customer above)</source>
        <translation>（请在上方选择客户）</translation>
    </message>
</context>
<context>
    <name>PromiseBadge</name>
    <message>
        <location filename="../../salesdesk/ui/promises/customer_badge.py" line="80"/>
        <source>New promise…</source>
        <translation>新建承诺…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/customer_badge.py" line="117"/>
        <source>Promises: %1 open · kept this year %2 (%3 kept, %4 broken)</source>
        <translation>承诺：%1 条未结束 · 今年兑现率 %2（兑现 %3，未兑现 %4）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/customer_badge.py" line="121"/>
        <source>%1 overdue</source>
        <translation>%1 条逾期</translation>
    </message>
</context>
<context>
    <name>PromiseTable</name>
    <message>
        <location filename="../../salesdesk/ui/promises/table.py" line="33"/>
        <source>%1 · overdue 1 day</source>
        <translation>%1 · 逾期 1 天</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/table.py" line="36"/>
        <source>%1 · overdue %2 days</source>
        <translation>%1 · 逾期 %2 天</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/table.py" line="40"/>
        <source>%1 · today</source>
        <translation>%1 · 今天</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/table.py" line="87"/>
        <source>Promise</source>
        <translation>承诺内容</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/table.py" line="88"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/table.py" line="89"/>
        <source>To whom</source>
        <translation>承诺对象</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/table.py" line="90"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/table.py" line="91"/>
        <source>Delivers</source>
        <translation>负责兑现</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/table.py" line="92"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>PromisesPage</name>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="81"/>
        <source>%1 (%2 kept, %3 broken, %4 at risk)</source>
        <translation>%1（兑现 %2，未兑现 %3，逾期未结 %4）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="213"/>
        <source>Kept-rate:</source>
        <translation>兑现率：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="214"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="215"/>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="216"/>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="217"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="219"/>
        <source>Anyone delivers</source>
        <translation>全部负责方</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="224"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="224"/>
        <source>Kept</source>
        <translation>已兑现</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="224"/>
        <source>Broken</source>
        <translation>未兑现</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="224"/>
        <source>At risk</source>
        <translation>逾期未结</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="225"/>
        <source>Kept-rate</source>
        <translation>兑现率</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="226"/>
        <source>New promise…</source>
        <translation>新建承诺…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="227"/>
        <source>Close…</source>
        <translation>结束…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="228"/>
        <source>Cancel…</source>
        <translation>取消…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="229"/>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="230"/>
        <source>Change due…</source>
        <translation>改到期日…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="235"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="235"/>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="236"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="236"/>
        <source>All open</source>
        <translation>全部未结束</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="237"/>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="309"/>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="315"/>
        <source>Showing the first %1 due; choose a customer or who delivers to narrow the list.</source>
        <translation>只显示最早到期的 %1 条；可按客户或负责方筛选。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="327"/>
        <source>mine %1</source>
        <translation>我的 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="385"/>
        <source>Cancel the promise</source>
        <translation>取消承诺</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="386"/>
        <source>why it is no longer needed</source>
        <translation>为什么不再需要</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="394"/>
        <source>why it is needed again</source>
        <translation>为什么又需要了</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="395"/>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/promises/page.py" line="396"/>
        <source>Reopen the promise</source>
        <translation>重新打开承诺</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="235"/>
        <source>Complaint recorded</source>
        <translation>投诉已登记</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="239"/>
        <source>Reference %1. %2.</source>
        <translation>投诉编号 %1。%2。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="244"/>
        <source>Text for SMS or WeChat:</source>
        <translation>短信/微信文字：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="251"/>
        <source>Copy text</source>
        <translation>复制文字</translation>
    </message>
</context>
<context>
    <name>RecordComplaintDialog</name>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="79"/>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="90"/>
        <source>if not a contact on file</source>
        <translation>不是已登记的联系人时填写</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="101"/>
        <source>In the customer&apos;s own words</source>
        <translation>按客户的原话记录</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="108"/>
        <source>Attach files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="114"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="122"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="127"/>
        <source>Reception script — read it out</source>
        <translation>接待话术（照着念）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/record.py" line="194"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="32"/>
        <source>SalesDesk: %1 to see to today</source>
        <translation>SalesDesk：今天有 %1 项待办</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="34"/>
        <source>Overdue promises (%1):</source>
        <translation>逾期承诺（%1）：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="36"/>
        <source>Promises due today (%1):</source>
        <translation>今天到期的承诺（%1）：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="38"/>
        <source>Today&apos;s visits (%1):</source>
        <translation>今日拜访（%1）：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="40"/>
        <source>%1 — %2 (overdue %3 d)</source>
        <translation>%1 — %2（逾期 %3 天）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="42"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="44"/>
        <source>%1 %2 · %3</source>
        <translation>%1 %2 · %3</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="46"/>
        <source>… and %1 more</source>
        <translation>……另有 %1 项</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="48"/>
        <source>Complaints near breach (%1):</source>
        <translation>临近超时的投诉（%1）：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/reminders.py" line="50"/>
        <source>%1 — %2 (due %3)</source>
        <translation>%1 — %2（%3 前）</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <location filename="../../salesdesk/ui/visits/change.py" line="107"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/change.py" line="108"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/change.py" line="109"/>
        <source>Reason (optional)</source>
        <translation>原因（可不填）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/change.py" line="110"/>
        <source>Reschedule visit</source>
        <translation>改期</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="63"/>
        <source>Send the updated notice</source>
        <translation>发送更新后的通知</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="64"/>
        <source>Send the shipment notice</source>
        <translation>发送发货通知</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="81"/>
        <source>Email to: %1</source>
        <translation>邮件发给：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="87"/>
        <source>No email address for %1: send them the text below instead (Copy text, then paste it into SMS or WeChat).</source>
        <translation>%1 没有邮箱地址：请改发下面的文字（点“复制文字”，再粘贴到短信或微信）。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="102"/>
        <source>%1 characters, %2 SMS</source>
        <translation>%1 个字，%2 条短信</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="113"/>
        <source>Send email (%1)</source>
        <translation>发送邮件（%1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="116"/>
        <source>Copy text</source>
        <translation>复制文字</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="118"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="120"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="122"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ShipmentBadge</name>
    <message>
        <location filename="../../salesdesk/ui/shipments/customer_badge.py" line="85"/>
        <source>New shipment notice…</source>
        <translation>新建发货通知…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/customer_badge.py" line="119"/>
        <source>Shipments: %1 on the road</source>
        <translation>发货：在途 %1 单</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/customer_badge.py" line="122"/>
        <source>%1 late</source>
        <translation>%1 单延误</translation>
    </message>
</context>
<context>
    <name>ShipmentTable</name>
    <message>
        <location filename="../../salesdesk/ui/shipments/table.py" line="73"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/table.py" line="74"/>
        <source>Goods</source>
        <translation>货物</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/table.py" line="75"/>
        <source>Truck</source>
        <translation>车号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/table.py" line="76"/>
        <source>Driver</source>
        <translation>司机</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/table.py" line="77"/>
        <source>Shipped</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/table.py" line="78"/>
        <source>ETA</source>
        <translation>预计到达</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/table.py" line="79"/>
        <source>Arrives</source>
        <translation>到达</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/table.py" line="80"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Shipments</name>
    <message>
        <location filename="../../salesdesk/ui/shipments/compose.py" line="66"/>
        <source>t</source>
        <translation>吨</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/compose.py" line="67"/>
        <source>kg</source>
        <translation>千克</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/compose.py" line="68"/>
        <source>coil</source>
        <translation>卷</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/compose.py" line="69"/>
        <source>piece</source>
        <translation>件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="18"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="19"/>
        <source>On the road</source>
        <translation>在途</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="20"/>
        <source>Arrived</source>
        <translation>已到货</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="21"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="27"/>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="28"/>
        <source>SMS / WeChat</source>
        <translation>短信 / 微信</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="29"/>
        <source>PDF (print, fax)</source>
        <translation>PDF（打印、传真）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="30"/>
        <source>Copied text</source>
        <translation>复制的文字</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="36"/>
        <source>queued</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="37"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="38"/>
        <source>failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="39"/>
        <source>outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="52"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="55"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="57"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="65"/>
        <source>in %1</source>
        <translation>还有 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="66"/>
        <source>late %1</source>
        <translation>已晚 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="72"/>
        <source>On time: no arrivals yet</source>
        <translation>准时率：尚无到货</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="74"/>
        <source>On time %1 against the first ETA, %2 against the latest (%3 arrived)</source>
        <translation>准时率：按首次预计 %1，按最新预计 %2（已到货 %3 单）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="86"/>
        <source>Shipment notice %1 · %2</source>
        <translation>发货通知 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="90"/>
        <source>late</source>
        <translation>延误</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="91"/>
        <source>Truck %1 · ETA %2</source>
        <translation>车号 %1 · 预计到达 %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="94"/>
        <source>arrived %1</source>
        <translation>%1 到货</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="97"/>
        <source>Notice %1 sent · %2 · %3</source>
        <translation>通知 %1 已发 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/words.py" line="101"/>
        <source>update with apology</source>
        <translation>更新并致歉</translation>
    </message>
</context>
<context>
    <name>ShipmentsPage</name>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="169"/>
        <source>New shipment notice…</source>
        <translation>新建发货通知…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="170"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="171"/>
        <source>Send…</source>
        <translation>发送…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="172"/>
        <source>New from previous…</source>
        <translation>照上一单新建…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="173"/>
        <source>Change ETA…</source>
        <translation>修改预计到达…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="174"/>
        <source>Arrived…</source>
        <translation>确认到货…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="175"/>
        <source>Cancel notice…</source>
        <translation>取消通知…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="178"/>
        <location filename="../../salesdesk/ui/shipments/page.py" line="239"/>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="181"/>
        <source>On the road</source>
        <translation>在途</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="181"/>
        <source>Arriving today</source>
        <translation>今日到达</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="182"/>
        <source>Late</source>
        <translation>已延误</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="182"/>
        <source>Delivered</source>
        <translation>已到货</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="183"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="183"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="227"/>
        <source>Showing the newest %1 of %2; choose a customer to see theirs.</source>
        <translation>只显示最新的 %1 单（共 %2 单）；选择客户可查看该客户的全部。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="320"/>
        <source>Shipment notice</source>
        <translation>发货通知</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="341"/>
        <source>Shipment notice %1</source>
        <translation>发货通知 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="376"/>
        <source>New from previous</source>
        <translation>照上一单新建</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="401"/>
        <source>Cancel the shipment notice to %1 (%2)?</source>
        <translation>取消发给 %1 的发货通知（%2）？</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="404"/>
        <source>The customer has this notice: tell them the shipment is off.</source>
        <translation>客户已收到这份通知：请告知对方本次发货已取消。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/page.py" line="406"/>
        <source>Cancel notice</source>
        <translation>取消通知</translation>
    </message>
</context>
<context>
    <name>StartProblemDialog</name>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="98"/>
        <source>Details: %1</source>
        <translation>详细信息：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="108"/>
        <source>Restore the selected backup</source>
        <translation>恢复所选备份</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="112"/>
        <source>Automatic backups (newest first):</source>
        <translation>自动备份（最新的在前）：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="114"/>
        <source>There are no automatic backups in %1.</source>
        <translation>%1 中没有自动备份。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="133"/>
        <source>Choose another data folder…</source>
        <translation>选择其他数据文件夹…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="135"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="150"/>
        <source>The customer data is damaged</source>
        <translation>客户数据已损坏</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="152"/>
        <source>The data file is not a SalesDesk file</source>
        <translation>数据文件不是 SalesDesk 的文件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="154"/>
        <source>SalesDesk may not write to its data folder</source>
        <translation>SalesDesk 无权写入数据文件夹</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="155"/>
        <source>This data comes from a newer SalesDesk</source>
        <translation>此数据来自更新版本的 SalesDesk</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="161"/>
        <source>SalesDesk cannot read %1: the file is damaged, for example cut short by a full disk or a copy that did not finish. SalesDesk has not changed it. Restore one of the automatic backups (the damaged file is kept aside), choose another data folder, or quit and contact support.</source>
        <translation>SalesDesk 无法读取 %1：文件已损坏，可能是磁盘已满或复制未完成导致文件不完整。SalesDesk 未对其做任何改动。您可以恢复一个自动备份（损坏的文件会另行保留），选择其他数据文件夹，或退出并联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="168"/>
        <source>%1 holds something other than SalesDesk&apos;s data. SalesDesk has not changed it. Restore one of the automatic backups (the file is kept aside), choose another data folder, or quit and move the file away.</source>
        <translation>%1 中存放的不是 SalesDesk 的数据。SalesDesk 未对其做任何改动。您可以恢复一个自动备份（该文件会另行保留），选择其他数据文件夹，或退出后将该文件移走。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="174"/>
        <source>SalesDesk may not write to %1, so it cannot keep your work there. Choose a folder you can write to, or quit and ask your administrator to give you write access to this folder.</source>
        <translation>SalesDesk 无权写入 %1，无法在此保存您的工作。请选择一个您有写入权限的文件夹，或退出并请管理员为您开通此文件夹的写入权限。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="180"/>
        <source>%1 was written by a newer version of SalesDesk (schema %2). Install the newer version to open it; nothing was changed. You can also choose another data folder, or quit.</source>
        <translation>%1 由更新版本的 SalesDesk 写入（数据结构 %2）。请安装新版本后再打开；数据未做任何改动。您也可以选择其他数据文件夹，或退出。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/store/start_problem.py" line="205"/>
        <source>Choose a data folder for SalesDesk</source>
        <translation>为 SalesDesk 选择数据文件夹</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="37"/>
        <source>what you told the customer</source>
        <translation>您对客户说了什么</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="38"/>
        <source>what the investigation found</source>
        <translation>调查发现了什么</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="39"/>
        <source>what the customer said</source>
        <translation>客户说了什么</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="40"/>
        <source>what the department should know</source>
        <translation>需要部门了解的情况</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="41"/>
        <source>the solution offered to the customer</source>
        <translation>向客户提出的解决方案</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="44"/>
        <source>the customer&apos;s comment</source>
        <translation>客户的评价</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="45"/>
        <source>what we are waiting for from the customer</source>
        <translation>在等客户提供什么</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="48"/>
        <source>why it is reopened</source>
        <translation>重新打开的原因</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="49"/>
        <source>why the customer refused</source>
        <translation>客户拒绝的原因</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/complaints/steps.py" line="75"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="175"/>
        <source>HQ account</source>
        <translation>总部账号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="176"/>
        <location filename="../../salesdesk/ui/sync/page.py" line="287"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="177"/>
        <location filename="../../salesdesk/ui/sync/page.py" line="288"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="178"/>
        <location filename="../../salesdesk/ui/sync/page.py" line="289"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="179"/>
        <source>Company CA file (optional)</source>
        <translation>公司 CA 证书文件（可选）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="180"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="181"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="182"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="183"/>
        <source>Synchronise</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="184"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="185"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="188"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="188"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="188"/>
        <source>Your value</source>
        <translation>您的值</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="189"/>
        <source>Kept value</source>
        <translation>保留的值</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="189"/>
        <source>By</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="213"/>
        <source>Logged in to %1 as %2.</source>
        <translation>已以 %2 身份登录 %1。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="217"/>
        <source>This computer has no keyring, so the login is kept only until SalesDesk closes; you will be asked to log in again next time.</source>
        <translation>本机没有系统密钥环，登录状态只保留到 SalesDesk 关闭；下次需要重新登录。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="239"/>
        <source>Local changes waiting to be sent: %1</source>
        <translation>待发送的本地更改：%1 项</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="212"/>
        <source>Not logged in.</source>
        <translation>未登录。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="186"/>
        <source>Changes of yours that HQ overwrote or refused</source>
        <translation>被总部覆盖或拒绝的修改</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="188"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="189"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="237"/>
        <source>Last successful sync: %1</source>
        <translation>上次成功同步：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="238"/>
        <source>Never synced.</source>
        <translation>从未同步。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="245"/>
        <source>(no longer on this computer)</source>
        <translation>（已不在本机）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="247"/>
        <source>HQ</source>
        <translation>总部</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="257"/>
        <source>New contact</source>
        <translation>新联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="259"/>
        <source>New customer</source>
        <translation>新客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="260"/>
        <source>New record</source>
        <translation>新记录</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="262"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="268"/>
        <source>Changed at HQ or by a colleague too; by the sync rules their change was kept.</source>
        <translation>总部或同事也修改了此项，按同步规则保留了对方的修改。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="271"/>
        <source>HQ had reassigned this customer to another salesperson before you made this change.</source>
        <translation>您修改之前，总部已将该客户转给其他销售员。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="273"/>
        <source>HQ refused the change (%1).</source>
        <translation>总部拒绝了此修改（%1）。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="279"/>
        <source>Company CA file</source>
        <translation>公司 CA 证书文件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="280"/>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="291"/>
        <source>Please fill in: %1</source>
        <translation>请填写：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="298"/>
        <source>Not logged in: the password was not sent. Use the https:// address of HQ.</source>
        <translation>未登录：密码没有发送。请使用总部的 https:// 地址。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="303"/>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="325"/>
        <source>Unencrypted connection</source>
        <translation>连接未加密</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="327"/>
        <source>The address %1 is not encrypted (http://): your password would travel over the network readable by anyone on it, such as others on a hotel or café Wi-Fi.</source>
        <translation>地址 %1 未加密（http://）：密码将以明文在网络上传输，同一网络中的任何人（例如酒店或咖啡馆 Wi-Fi 上的其他人）都能看到。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="331"/>
        <source>Use the https:// address of HQ if it has one. Send the password anyway?</source>
        <translation>如果总部有 https:// 地址，请改用该地址。仍要发送密码吗？</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="332"/>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="350"/>
        <source>Synchronising…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="358"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="391"/>
        <source>Up to date: nothing to send or receive.</source>
        <translation>已是最新：没有需要发送或接收的内容。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="392"/>
        <source>Changes sent: %1</source>
        <translation>已发送更改：%1 项</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="394"/>
        <source>Changes sent: %1 (refused by HQ: %2)</source>
        <translation>已发送更改：%1 项（总部拒绝 %2 项）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="396"/>
        <source>Records received: %1</source>
        <translation>已接收记录：%1 条</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="398"/>
        <source>Changes of yours overwritten: %1</source>
        <translation>您的更改被覆盖：%1 项</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="401"/>
        <source>Attachments sent: %1</source>
        <translation>已上传附件：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="402"/>
        <source>Attachments received: %1</source>
        <translation>已下载附件：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="403"/>
        <source>Attachments waiting for the next sync: %1</source>
        <translation>待下次同步的附件：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="404"/>
        <source>Attachments refused by HQ (over the size limit or damaged): %1</source>
        <translation>总部拒收的附件（超出大小限制或已损坏）：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="409"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="409"/>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/sync/page.py" line="424"/>
        <source>Sync cancelled. What was already exchanged is kept; the next sync continues from there.</source>
        <translation>同步已取消。已交换的数据会保留，下次同步将从中断处继续。</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="212"/>
        <source>All promises →</source>
        <translation>全部承诺 →</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="213"/>
        <source>All visits →</source>
        <translation>全部拜访 →</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="217"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="279"/>
        <source>Today, %1</source>
        <translation>今天，%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="294"/>
        <source>%1 visits planned · %2 promises overdue · %3 due today · %4 customers overdue a visit</source>
        <translation>计划拜访 %1 次 · 逾期承诺 %2 项 · 今日到期 %3 项 · 待拜访客户 %4 家</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="298"/>
        <source>%1 shipments late</source>
        <translation>延误发货 %1 单</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="299"/>
        <source>%1 shipments arriving today</source>
        <translation>今日到货 %1 单</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="300"/>
        <source>%1 complaints near breach</source>
        <translation>临近超时投诉 %1 件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="316"/>
        <source>Record outcome…</source>
        <translation>填写纪要…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="319"/>
        <location filename="../../salesdesk/ui/today/page.py" line="364"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="322"/>
        <source>Today&apos;s visits (%1)</source>
        <translation>今日拜访（%1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="324"/>
        <source>Today&apos;s visits (%1, the first %2 shown)</source>
        <translation>今日拜访（%1 次，显示前 %2 次）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="326"/>
        <source>No visits planned for today.</source>
        <translation>今天没有计划拜访。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="334"/>
        <source>Close…</source>
        <translation>结案…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="337"/>
        <source>Promises overdue and due today (%1)</source>
        <translation>逾期及今日到期的承诺（%1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="339"/>
        <source>Promises overdue and due today (%1, the %2 most urgent shown)</source>
        <translation>逾期及今天到期的承诺（%1 项，显示最紧急的 %2 项）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="341"/>
        <source>No promise is due today or overdue.</source>
        <translation>没有今日到期或逾期的承诺。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="350"/>
        <source>Shipments arriving today and late (%1)</source>
        <translation>今日到达和已延误的发货（%1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="351"/>
        <source>No shipment is due today or late.</source>
        <translation>今天没有要到的货，也没有延误的。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="357"/>
        <source>Arrived…</source>
        <translation>确认到货…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="367"/>
        <source>Complaints near breach (%1)</source>
        <translation>临近超时的投诉（%1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="368"/>
        <source>No complaint is near its committed time.</source>
        <translation>没有临近承诺时限的投诉。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="374"/>
        <source>Plan visit…</source>
        <translation>计划拜访…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="377"/>
        <source>Customers overdue a visit (%1)</source>
        <translation>该拜访的客户（%1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="379"/>
        <source>Customers overdue a visit (%1, the %2 most overdue shown)</source>
        <translation>该拜访的客户（共 %1 家，显示最久未拜访的 %2 家）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/today/page.py" line="381"/>
        <source>Every customer has been visited on time.</source>
        <translation>所有客户都已按时拜访。</translation>
    </message>
</context>
<context>
    <name>VisitPrintActions</name>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="357"/>
        <source>&amp;Print today&apos;s visits…</source>
        <translation>打印今天的拜访(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="358"/>
        <source>Print the summaries of today&apos;s visits</source>
        <translation>打印今天各次拜访的纪要</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="359"/>
        <source>Save today&apos;s visits as PDF…</source>
        <translation>将今天的拜访另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="360"/>
        <source>Save the summaries of today&apos;s visits as one PDF</source>
        <translation>将今天所有拜访的纪要保存为一个 PDF</translation>
    </message>
</context>
<context>
    <name>VisitPrinting</name>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="128"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="150"/>
        <source>Print visit summary</source>
        <translation>打印拜访纪要</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="151"/>
        <source>Visit summary %1.pdf</source>
        <translation>拜访纪要 %1.pdf</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="162"/>
        <source>Printing the visit summary…</source>
        <translation>正在打印拜访纪要…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="169"/>
        <source>Print today&apos;s visits</source>
        <translation>打印今天的拜访</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="170"/>
        <source>Visits %1.pdf</source>
        <translation>拜访纪要 %1.pdf</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="190"/>
        <location filename="../../salesdesk/ui/visits/printing.py" line="194"/>
        <source>Printing today&apos;s visits…</source>
        <translation>正在生成今天的拜访纪要…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="211"/>
        <source>Printing the pre-visit brief…</source>
        <translation>正在打印拜访前简报…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="238"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="239"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="252"/>
        <source>Printing page %1 of %2</source>
        <translation>正在打印第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="265"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="305"/>
        <source>Printed %1 page(s) on %2</source>
        <translation>已在 %2 打印 %1 页</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="318"/>
        <source>Printing cancelled; nothing was printed or saved.</source>
        <translation>已取消打印，未打印也未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="180"/>
        <source>Printing %1 of %2: %3</source>
        <translation>正在生成第 %1 份，共 %2 份：%3</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="199"/>
        <source>Pre-visit brief</source>
        <translation>拜访前简报</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="200"/>
        <source>Pre-visit brief %1.pdf</source>
        <translation>拜访前简报 %1.pdf</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/printing.py" line="299"/>
        <source>Saved %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>Visits</name>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="27"/>
        <source>%1 – %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="38"/>
        <source>Done</source>
        <translation>已拜访</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="40"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="43"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="45"/>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="58"/>
        <source>%1: moved from %2</source>
        <translation>%1：由 %2 改期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="61"/>
        <source>%1: cancelled</source>
        <translation>%1：取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="63"/>
        <source>%1: recorded as done</source>
        <translation>%1：记为已拜访</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="66"/>
        <source>by %1</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="71"/>
        <source>No changes since it was planned.</source>
        <translation>计划后未作改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="72"/>
        <source>History:</source>
        <translation>变更记录：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="78"/>
        <source>never visited, added %1 days ago</source>
        <translation>从未拜访，%1 天前建档</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="80"/>
        <source>last visit %1 days ago, every %3 days</source>
        <translation>上次拜访在 %1 天前，应每 %3 天拜访一次</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="82"/>
        <source>last visit %1 days ago, tier %2, every %3 days</source>
        <translation>上次拜访在 %1 天前，%2 类客户，应每 %3 天拜访一次</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="91"/>
        <source>Overdue contacts: %1</source>
        <translation>逾期未拜访：%1 家</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/words.py" line="93"/>
        <source>Overdue contacts: %1 (the first %2 shown)</source>
        <translation>逾期未拜访：%1 家（显示前 %2 家）</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="218"/>
        <source>‹ Previous</source>
        <translation>‹ 上一页</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="219"/>
        <source>Next ›</source>
        <translation>下一页 ›</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="220"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="221"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="222"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="223"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="224"/>
        <location filename="../../salesdesk/ui/visits/page.py" line="228"/>
        <source>Plan visit…</source>
        <translation>计划拜访…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="225"/>
        <source>Record outcome…</source>
        <translation>填写拜访纪要…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="226"/>
        <source>Reschedule…</source>
        <translation>改期…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="227"/>
        <source>Cancel visit…</source>
        <translation>取消拜访…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="229"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="229"/>
        <location filename="../../salesdesk/ui/visits/page.py" line="231"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="229"/>
        <source>Purpose</source>
        <translation>拜访目的</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="230"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="230"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="231"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="232"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="352"/>
        <source>No visits</source>
        <translation>无拜访</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/visits/page.py" line="357"/>
        <source>No visits planned in this period.</source>
        <translation>这段时间没有拜访计划。</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../salesdesk/ui/mail/settings.py" line="87"/>
        <source>This computer has no keyring, so the mail password is kept only until SalesDesk closes.</source>
        <translation>本机没有系统钥匙串，邮件密码只保留到 SalesDesk 关闭为止。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="215"/>
        <source>The email is in the outbox; it goes out as soon as the mail server can be reached.</source>
        <translation>邮件已放入发件箱，连上邮件服务器后即会发出。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="219"/>
        <source>Copied. Paste it into SMS or WeChat; the send is logged.</source>
        <translation>已复制。请粘贴到短信或微信中发送；本次发送已记录。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="240"/>
        <source>Save the notice as PDF</source>
        <translation>将通知保存为 PDF</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="242"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="248"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="259"/>
        <source>Print the shipment notice</source>
        <translation>打印发货通知</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/shipments/send.py" line="276"/>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
</context>
</TS>
