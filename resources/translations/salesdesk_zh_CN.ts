<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../salesdesk/app.py" line="51"/>
        <source>This data was written by a newer version of SalesDesk (schema %1). Install the newer version to open it; nothing was changed.</source>
        <translation>此数据由更新版本的 SalesDesk 写入（数据结构 %1）。请安装新版本后再打开；数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/app.py" line="84"/>
        <source>SalesDesk cannot open its data folder %1: %2</source>
        <translation>SalesDesk 无法打开数据文件夹 %1：%2</translation>
    </message>
</context>
<context>
    <name>CustomerEditor</name>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="224"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="227"/>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="228"/>
        <source>Remove contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="229"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="230"/>
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="231"/>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="232"/>
        <source>Open the existing customer</source>
        <translation>打开已有客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="233"/>
        <source>By tier</source>
        <translation>按等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="234"/>
        <source>Separate tags with commas</source>
        <translation>多个标签用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="243"/>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="259"/>
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="250"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="275"/>
        <source>%1 · sales in the last 12 months: CNY %2 · visit every %3 days</source>
        <translation>%1 级 · 近12个月销售额：¥%2 · 每 %3 天拜访一次</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="370"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="414"/>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存：请更正标出的字段。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="424"/>
        <source>same name</source>
        <translation>名称相同</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="425"/>
        <source>same phone %1</source>
        <translation>电话相同 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="428"/>
        <source>This looks like a customer you already have:</source>
        <translation>这似乎是一个已有的客户：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="430"/>
        <source>Not saved yet.</source>
        <translation>尚未保存。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="438"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>CustomerTable</name>
    <message>
        <location filename="../../salesdesk/ui/models/customer_table.py" line="45"/>
        <source>Company</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/models/customer_table.py" line="46"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/models/customer_table.py" line="47"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/models/customer_table.py" line="48"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/models/customer_table.py" line="49"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/models/customer_table.py" line="50"/>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/models/customer_table.py" line="51"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/models/customer_table.py" line="52"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/models/customer_table.py" line="53"/>
        <source>Sales, 12 months (CNY)</source>
        <translation>近12个月销售额（元）</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="152"/>
        <source>Search name, contact, phone or pinyin (e.g. qhjc)…</source>
        <translation>搜索名称、联系人、电话或拼音（如 qhjc）…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="153"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="154"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="155"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="156"/>
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="157"/>
        <source>No tier</source>
        <translation>无等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="158"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="161"/>
        <location filename="../../salesdesk/ui/pages/customers.py" line="179"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="163"/>
        <location filename="../../salesdesk/ui/pages/customers.py" line="182"/>
        <source>All salespeople</source>
        <translation>全部业务员</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="164"/>
        <location filename="../../salesdesk/ui/pages/customers.py" line="182"/>
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="205"/>
        <source>%1 customers</source>
        <translation>共 %1 个客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="256"/>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="86"/>
        <source>Something went wrong inside SalesDesk. Your saved data is safe; the last action may not have completed.</source>
        <translation>SalesDesk 内部出错。已保存的数据是安全的；最后一次操作可能没有完成。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="93"/>
        <source>Save a report for support?</source>
        <translation>是否保存一份错误报告以便技术支持？</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="94"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="100"/>
        <source>The report was saved to %1</source>
        <translation>报告已保存到 %1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="31"/>
        <source>SalesDesk may not write to %1. Choose another place or check the folder&apos;s permissions.</source>
        <translation>SalesDesk 无权写入 %1。请选择其他位置，或检查文件夹权限。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="34"/>
        <source>The disk is full. Free some space and try again; nothing was lost.</source>
        <translation>磁盘已满。请清理空间后重试；没有数据丢失。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="36"/>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="38"/>
        <source>The file system refused: %1</source>
        <translation>文件系统拒绝了操作：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="40"/>
        <source>The customer store is busy (another SalesDesk may be open). Try again in a moment.</source>
        <translation>客户数据库正忙（可能另一个 SalesDesk 正在运行）。请稍后重试。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="116"/>
        <source>SalesDesk</source>
        <translation>SalesDesk 销售助手</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="117"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="121"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="122"/>
        <source>&amp;Back up the store…</source>
        <translation>备份数据(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="123"/>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="124"/>
        <source>&amp;Import customers…</source>
        <translation>导入客户(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="125"/>
        <source>&amp;Export customers…</source>
        <translation>导出客户(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="126"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="127"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="128"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="129"/>
        <source>&amp;About SalesDesk</source>
        <translation>关于 SalesDesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="151"/>
        <source>Back up the store</source>
        <translation>备份数据</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="153"/>
        <source>SalesDesk store (*.sqlite3)</source>
        <translation>SalesDesk 数据文件 (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="163"/>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="169"/>
        <location filename="../../salesdesk/ui/main_window.py" line="176"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="170"/>
        <source>SalesDesk store (*.sqlite3);;All files (*)</source>
        <translation>SalesDesk 数据文件 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="177"/>
        <source>Replace the current data with the backup %1?

The current data is kept aside in %2, not deleted.</source>
        <translation>用备份 %1 替换当前数据吗？

当前数据会另存到 %2，不会被删除。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="197"/>
        <source>Restored. The previous data was kept in %1</source>
        <translation>已恢复。原数据保存在 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="202"/>
        <source>%1 is not a SalesDesk backup, or it is damaged. Nothing was changed.</source>
        <translation>%1 不是 SalesDesk 备份文件，或文件已损坏。数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="206"/>
        <source>This backup was made by a newer SalesDesk. Please update SalesDesk first. Nothing was changed.</source>
        <translation>此备份由更新版本的 SalesDesk 创建。请先升级 SalesDesk。数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="228"/>
        <source>About SalesDesk</source>
        <translation>关于 SalesDesk</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="229"/>
        <source>SalesDesk %1 — the field salesperson&apos;s working copy of the customer record.</source>
        <translation>SalesDesk %1 —— 外勤销售员随身的客户档案。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="18"/>
        <source>Contact %1: %2</source>
        <translation>联系人 %1：%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="22"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="23"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="24"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="25"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="26"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="27"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="28"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="29"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="30"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="31"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="32"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="33"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="34"/>
        <source>Visit every (days)</source>
        <translation>拜访周期（天）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="35"/>
        <location filename="../../salesdesk/ui/messages.py" line="36"/>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="37"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="38"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="39"/>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="40"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="41"/>
        <source>Landline</source>
        <translation>座机</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="42"/>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="43"/>
        <source>Primary contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="44"/>
        <source>Contact name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="45"/>
        <source>Contact phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="46"/>
        <source>Contact email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="47"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="48"/>
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="49"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="58"/>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="59"/>
        <source>is longer than %1 characters</source>
        <translation>超过 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="62"/>
        <source>must be an 11-digit mobile number starting with 1</source>
        <translation>必须是以 1 开头的 11 位手机号码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="63"/>
        <source>must be a landline with area code, e.g. 0571-88886666</source>
        <translation>必须是带区号的座机号码，如 0571-88886666</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="64"/>
        <source>must be a mobile number or a landline with area code</source>
        <translation>必须是手机号码或带区号的座机号码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="65"/>
        <source>is not a valid email address</source>
        <translation>不是有效的电子邮箱地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="66"/>
        <source>has a value that is not allowed: %1</source>
        <translation>的值不允许：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="69"/>
        <source>must be a whole number from 1 to %1</source>
        <translation>必须是 1 到 %1 之间的整数</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="72"/>
        <source>must be an amount such as 12800.50</source>
        <translation>必须是金额，如 12800.50</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="73"/>
        <source>must be a date such as 2026-03-31</source>
        <translation>必须是日期，如 2026-03-31</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="74"/>
        <source>appears more than once: %1</source>
        <translation>重复出现：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="83"/>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="90"/>
        <source>Key</source>
        <translation>重点客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="91"/>
        <source>Ordinary</source>
        <translation>一般客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="92"/>
        <source>Potential</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="93"/>
        <source>Target</source>
        <translation>目标客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="94"/>
        <source>Lost</source>
        <translation>流失客户</translation>
    </message>
</context>
</TS>
