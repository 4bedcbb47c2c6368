<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../salesdesk/app.py" line="52"/>
        <source>This data was written by a newer version of SalesDesk (schema %1). Install the newer version to open it; nothing was changed.</source>
        <translation>此数据由更新版本的 SalesDesk 写入（数据结构 %1）。请安装新版本后再打开；数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/app.py" line="93"/>
        <source>SalesDesk cannot open its data folder %1: %2</source>
        <translation>SalesDesk 无法打开数据文件夹 %1：%2</translation>
    </message>
</context>
<context>
    <name>CustomerEditor</name>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="233"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="237"/>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="238"/>
        <source>Remove contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="239"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="240"/>
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="241"/>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="242"/>
        <source>Open the existing customer</source>
        <translation>打开已有客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="243"/>
        <source>By tier</source>
        <translation>按等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="244"/>
        <source>Separate tags with commas</source>
        <translation>多个标签用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="253"/>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="269"/>
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="260"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="285"/>
        <source>%1 · sales in the last 12 months: CNY %2 · visit every %3 days</source>
        <translation>%1 级 · 近12个月销售额：¥%2 · 每 %3 天拜访一次</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="390"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="434"/>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存：请更正标出的字段。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="447"/>
        <source>same name</source>
        <translation>名称相同</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="449"/>
        <source>same phone %1</source>
        <translation>电话相同 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="453"/>
        <source>This looks like a customer you already have:</source>
        <translation>这似乎是一个已有的客户：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="456"/>
        <source>Not saved yet.</source>
        <translation>尚未保存。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customer_editor.py" line="464"/>
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
        <location filename="../../salesdesk/ui/pages/customers.py" line="171"/>
        <source>Search name, contact, phone or pinyin (e.g. qhjc)…</source>
        <translation>搜索名称、联系人、电话或拼音（如 qhjc）…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="173"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="174"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="175"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="179"/>
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="183"/>
        <source>No tier</source>
        <translation>无等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="188"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="192"/>
        <location filename="../../salesdesk/ui/pages/customers.py" line="211"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="194"/>
        <location filename="../../salesdesk/ui/pages/customers.py" line="215"/>
        <source>All salespeople</source>
        <translation>全部业务员</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="195"/>
        <location filename="../../salesdesk/ui/pages/customers.py" line="215"/>
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="239"/>
        <source>%1 customers</source>
        <translation>共 %1 个客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="247"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="248"/>
        <source>The customer you are editing has unsaved changes. Discard them?</source>
        <translation>正在编辑的客户有未保存的修改。要放弃这些修改吗？</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/pages/customers.py" line="319"/>
        <source>Not saved.</source>
        <translation>未保存。</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="99"/>
        <source>Something went wrong inside SalesDesk. Your saved data is safe; the last action may not have completed.</source>
        <translation>SalesDesk 内部出错。已保存的数据是安全的；最后一次操作可能没有完成。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="107"/>
        <source>Save a report for support?</source>
        <translation>是否保存一份错误报告以便技术支持？</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="108"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="114"/>
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
        <location filename="../../salesdesk/ui/errors.py" line="37"/>
        <source>The disk is full. Free some space and try again; nothing was lost.</source>
        <translation>磁盘已满。请清理空间后重试；没有数据丢失。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="41"/>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="45"/>
        <source>The file system refused: %1</source>
        <translation>文件系统拒绝了操作：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/errors.py" line="49"/>
        <source>The customer store is busy (another SalesDesk may be open). Try again in a moment.</source>
        <translation>客户数据库正忙（可能另一个 SalesDesk 正在运行）。请稍后重试。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../salesdesk/ui/dialogs/export.py" line="31"/>
        <source>Export customers</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/export.py" line="33"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/export.py" line="50"/>
        <source>Exporting customers…</source>
        <translation>正在导出客户…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/export.py" line="51"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/export.py" line="68"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/export.py" line="78"/>
        <source>Exported %1 customers to %2</source>
        <translation>已导出 %1 个客户到 %2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/export.py" line="89"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消；未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/export.py" line="93"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="194"/>
        <source>Import customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="195"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="196"/>
        <source>A .xlsx workbook or a .csv file</source>
        <translation>.xlsx 工作簿或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="197"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="198"/>
        <source>First rows of the file</source>
        <translation>文件的前几行</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="199"/>
        <source>Which column holds what</source>
        <translation>各字段对应的列</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="203"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="205"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="205"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="205"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="205"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="206"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="207"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="208"/>
        <source>Import all</source>
        <translation>全部导入</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="209"/>
        <source>Import the valid rows</source>
        <translation>只导入有效行</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="210"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="217"/>
        <source>Choose a spreadsheet</source>
        <translation>选择表格文件</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="218"/>
        <source>Spreadsheets (*.xlsx *.csv *.tsv *.txt);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="228"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="237"/>
        <source>%n data rows. Check that each field takes the right column, then press Check.</source>
        <translation>
            <numerusform>共 %n 行数据。请确认每个字段对应正确的列，然后点击“检查”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="264"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="283"/>
        <source>The columns changed; press Check again.</source>
        <translation>列的对应已更改；请重新点击“检查”。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="294"/>
        <source>Checking %n rows…</source>
        <translation>
            <numerusform>正在检查 %n 行…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="326"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="326"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="342"/>
        <source>%n of %1 rows have errors.</source>
        <translation>
            <numerusform>%1 行中有 %n 行存在错误。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="344"/>
        <source>%n customers can be imported from the valid rows.</source>
        <translation>
            <numerusform>有效行中可导入 %n 个客户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="347"/>
        <source>All %n rows are valid.</source>
        <translation>
            <numerusform>全部 %n 行均有效。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="348"/>
        <source>%n customers will be created.</source>
        <translation>
            <numerusform>将新建 %n 个客户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="350"/>
        <source>%n warnings (not errors): look at them before importing.</source>
        <translation>
            <numerusform>%n 条警告（不是错误）：导入前请查看。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="353"/>
        <source>The first %1 problems are listed.</source>
        <translation>仅列出前 %1 个问题。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="359"/>
        <source>looks like the existing customer %1 (same name)</source>
        <translation>与已有客户 %1 相似（名称相同）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="362"/>
        <source>is already the phone of the existing customer %1</source>
        <translation>已是已有客户 %1 的电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="364"/>
        <source>differs from an earlier row of the same company; this value is ignored</source>
        <translation>与同一公司前面一行的值不同；此值被忽略</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="374"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="394"/>
        <source>Imported %n customers</source>
        <translation>
            <numerusform>已导入 %n 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="395"/>
        <source>with %n contacts.</source>
        <translation>
            <numerusform>，含 %n 个联系人。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="397"/>
        <source>%n rows with errors were left out.</source>
        <translation>
            <numerusform>%n 行有错误，未导入。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="404"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="435"/>
        <source>Something went wrong inside SalesDesk; nothing was imported.</source>
        <translation>SalesDesk 内部出错；未导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="444"/>
        <source>SalesDesk could not open %1: %2</source>
        <translation>SalesDesk 无法打开 %1：%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="446"/>
        <source>%1 is not in a text encoding SalesDesk knows (UTF-8 or GBK). In Excel, save it as &quot;CSV UTF-8&quot; or as an .xlsx workbook.</source>
        <translation>%1 的文本编码无法识别（支持 UTF-8 或 GBK）。请在 Excel 中另存为“CSV UTF-8”或 .xlsx 工作簿。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="449"/>
        <source>%1 is not a spreadsheet SalesDesk can read. Choose an .xlsx workbook or a .csv file.</source>
        <translation>%1 不是 SalesDesk 能读取的表格。请选择 .xlsx 工作簿或 .csv 文件。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="452"/>
        <source>%1 is an Excel 97-2003 workbook (.xls) or is protected by a password. Open it in Excel and save it as an .xlsx workbook without a password.</source>
        <translation>%1 是 Excel 97-2003 工作簿（.xls）或设置了密码。请在 Excel 中打开并另存为无密码的 .xlsx 工作簿。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="454"/>
        <source>%1 has no header row and no data.</source>
        <translation>%1 没有表头，也没有数据。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="458"/>
        <source>Import cancelled. Nothing was imported.</source>
        <translation>导入已取消。未导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="460"/>
        <source>Some rows have errors, so nothing was imported. Correct them in the file and check again, or import only the valid rows.</source>
        <translation>部分行有错误，因此未导入任何数据。请在文件中更正后重新检查，或只导入有效行。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/dialogs/import_dialog.py" line="463"/>
        <source>The customer store could not be written (%1). Nothing was imported.</source>
        <translation>无法写入客户数据库（%1）。未导入任何数据。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="125"/>
        <source>SalesDesk</source>
        <translation>SalesDesk 销售助手</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="126"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="130"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="131"/>
        <source>&amp;Back up the store…</source>
        <translation>备份数据(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="132"/>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="133"/>
        <source>&amp;Import customers…</source>
        <translation>导入客户(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="134"/>
        <source>&amp;Export customers…</source>
        <translation>导出客户(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="135"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="136"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="137"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="138"/>
        <source>&amp;About SalesDesk</source>
        <translation>关于 SalesDesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="161"/>
        <source>Back up the store</source>
        <translation>备份数据</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="163"/>
        <source>SalesDesk store (*.sqlite3)</source>
        <translation>SalesDesk 数据文件 (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="174"/>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="183"/>
        <location filename="../../salesdesk/ui/main_window.py" line="193"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="185"/>
        <source>SalesDesk store (*.sqlite3);;All files (*)</source>
        <translation>SalesDesk 数据文件 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="195"/>
        <source>Replace the current data with the backup %1?

The current data is kept aside in %2, not deleted.</source>
        <translation>用备份 %1 替换当前数据吗？

当前数据会另存到 %2，不会被删除。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="217"/>
        <source>Restored. The previous data was kept in %1</source>
        <translation>已恢复。原数据保存在 %1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="225"/>
        <source>%1 is not a SalesDesk backup, or it is damaged. Nothing was changed.</source>
        <translation>%1 不是 SalesDesk 备份文件，或文件已损坏。数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="232"/>
        <source>This backup was made by a newer SalesDesk. Please update SalesDesk first. Nothing was changed.</source>
        <translation>此备份由更新版本的 SalesDesk 创建。请先升级 SalesDesk。数据未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="258"/>
        <source>About SalesDesk</source>
        <translation>关于 SalesDesk</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/main_window.py" line="260"/>
        <source>SalesDesk %1 — the field salesperson&apos;s working copy of the customer record.</source>
        <translation>SalesDesk %1 —— 外勤销售员随身的客户档案。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="19"/>
        <source>Contact %1: %2</source>
        <translation>联系人 %1：%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="24"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="25"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="26"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="27"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="28"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="29"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="30"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="31"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="32"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="33"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="34"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="35"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="36"/>
        <source>Visit every (days)</source>
        <translation>拜访周期（天）</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="37"/>
        <location filename="../../salesdesk/ui/messages.py" line="38"/>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="39"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="40"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="41"/>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="42"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="43"/>
        <source>Landline</source>
        <translation>座机</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="44"/>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="45"/>
        <source>Primary contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="46"/>
        <source>Contact name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="47"/>
        <source>Contact phone</source>
        <translation>联系人电话</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="50"/>
        <source>Contact email</source>
        <translation>联系人邮箱</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="51"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="52"/>
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="53"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="62"/>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="63"/>
        <source>is longer than %1 characters</source>
        <translation>超过 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="66"/>
        <source>must be an 11-digit mobile number starting with 1</source>
        <translation>必须是以 1 开头的 11 位手机号码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="69"/>
        <source>must be a landline with area code, e.g. 0571-88886666</source>
        <translation>必须是带区号的座机号码，如 0571-88886666</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="72"/>
        <source>must be a mobile number or a landline with area code</source>
        <translation>必须是手机号码或带区号的座机号码</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="75"/>
        <source>is not a valid email address</source>
        <translation>不是有效的电子邮箱地址</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="76"/>
        <source>has a value that is not allowed: %1</source>
        <translation>的值不允许：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="79"/>
        <source>must be a whole number from 1 to %1</source>
        <translation>必须是 1 到 %1 之间的整数</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="82"/>
        <source>must be an amount such as 12800.50</source>
        <translation>必须是金额，如 12800.50</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="85"/>
        <source>must be a date such as 2026-03-31</source>
        <translation>必须是日期，如 2026-03-31</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="86"/>
        <source>appears more than once: %1</source>
        <translation>重复出现：%1</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="96"/>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="104"/>
        <source>Key</source>
        <translation>重点客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="105"/>
        <source>Ordinary</source>
        <translation>一般客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="106"/>
        <source>Potential</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="107"/>
        <source>Target</source>
        <translation>目标客户</translation>
    </message>
    <message>
        <location filename="../../salesdesk/ui/messages.py" line="108"/>
        <source>Lost</source>
        <translation>流失客户</translation>
    </message>
</context>
</TS>
