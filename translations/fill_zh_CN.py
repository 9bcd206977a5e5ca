#!/usr/bin/env python3
"""Fills translations/seekbench_zh_CN.ts from the table below (run after lupdate).

Keeps the .ts the single source of truth for Qt; this table is where the Chinese is
written and reviewed. Messages without an entry stay unfinished, which
tests/ui/test_translations reports.
"""
import sys
import xml.etree.ElementTree as ET

ZH = {
    # config issues (core_api codes)
    'YAML syntax error at line %1, column %2: %3': 'YAML 语法错误，第 %1 行第 %2 列：%3',
    'JSON syntax error at byte %1: %2': 'JSON 语法错误，位于第 %1 字节：%2',
    'the head dimension %1 is odd; rotary embeddings need an even head dimension': '注意力头维度 %1 为奇数；旋转位置编码需要偶数的头维度',
    '%1 does not match %2 (expected %3)': '%1 与 %2 不一致（应为 %3）',
    'cannot read %1: %2': '无法读取 %1：%2',
    'unknown key': '未知的键',
    'duplicate key (line %1)': '重复的键（第 %1 行）',
    'expected %1, got %2': '应为 %1，实际为 %2',
    '%1 is out of range [%2, %3]': '%1 超出范围 [%2, %3]',
    '%1 is not divisible by %2 (%3)': '%1 不能被 %2（%3）整除',
    '%1 exceeds %2 (%3)': '%1 超过了 %2（%3）',
    '%1 is not one of: %2': '%1 不是以下取值之一：%2',
    'fp16 is not available: %1': 'fp16 不可用：%1',
    'CUDA is not available on this machine': '本机没有可用的 CUDA',
    'this Hugging Face key changes the architecture and is not supported': '此 Hugging Face 键会改变模型结构，暂不支持',
    'problem %1': '问题 %1',
    # theme
    'System': '跟随系统',
    'Light': '浅色',
    'Dark': '深色',
    # compare
    '%1 (baseline)': '%1（基线）',
    '%1 final': '%1 最终值',
    '%1 best': '%1 最佳值',
    'runtime': '运行时长',
    'peak tensor memory (MiB)': '张量内存峰值（MiB）',
    # launch dialog
    'Launch a run': '启动运行',
    'Choose an example or a file…': '选择示例或文件…',
    'YAML file…': 'YAML 文件…',
    'Config': '配置',
    'Run name': '运行名称',
    'Launch': '启动',
    'Choose a run config': '选择运行配置',
    'YAML configs (*.yaml *.yml)': 'YAML 配置 (*.yaml *.yml)',
    'Choose a config to launch.': '请选择要启动的配置。',
    'The config is valid.': '配置有效。',
    'Launch is refused until these problems are fixed:\n%1': '在修复以下问题之前无法启动：\n%1',
    'Cannot save the config to %1': '无法将配置保存到 %1',
    # log view
    '%n match(es)': ['%n 处匹配'],
    'Search the log (Enter: next match)': '搜索日志（回车：下一处）',
    # main window
    '&File': '文件(&F)',
    '&New project…': '新建项目(&N)…',
    '&Open project…': '打开项目(&O)…',
    '&Recent projects': '最近的项目(&R)',
    '&Close project': '关闭项目(&C)',
    '&Settings…': '设置(&S)…',
    '&Quit': '退出(&Q)',
    '&Runs': '运行(&R)',
    '&View': '视图(&V)',
    '%1 — Seekbench': '%1 — Seekbench',
    'Cannot open the project': '无法打开项目',
    '%n run(s) died while Seekbench was closed and are marked crashed': ['Seekbench 关闭期间有 %n 个运行意外终止，已标记为崩溃'],
    'No recent projects': '没有最近的项目',
    'Open project': '打开项目',
    'Runs are still training': '仍有运行在训练',
    '%n run(s) of this project are still training. Leave them running? You can reattach to them by opening the project again.':
        ['此项目中有 %n 个运行仍在训练。是否让它们继续运行？重新打开项目即可再次连接到它们。'],
    'Leave running': '继续运行',
    'Stop them': '停止它们',
    # new project
    'New project': '新建项目',
    'Blank project': '空白项目',
    'Browse…': '浏览…',
    'Template': '模板',
    'Folder': '文件夹',
    'Name': '名称',
    'Description': '描述',
    'Create': '创建',
    'Project folder': '项目文件夹',
    'Choose a folder for the project.': '请为项目选择一个文件夹。',
    'Cannot create the project: %1': '无法创建项目：%1',
    # run actions
    '&Launch run…': '启动运行(&L)…',
    '&Stop run': '停止运行(&S)',
    '&Resume run': '继续运行(&R)',
    '&Clone and edit…': '克隆并编辑(&C)…',
    '&Delete run…': '删除运行(&D)…',
    '&Tag…': '标签(&T)…',
    '&Note…': '备注(&N)…',
    'Pin as compare &baseline': '设为对比基线(&B)',
    'Launch refused': '已拒绝启动',
    'Starting run %1…': '正在启动运行 %1…',
    '%1 (clone)': '%1（克隆）',
    'Delete run': '删除运行',
    "Delete run “%1”? Its folder moves to the project's trash folder; its rows leave the store.":
        '删除运行“%1”？其文件夹将移入项目的回收站文件夹，其记录将从存储中移除。',
    'Tags': '标签',
    'Tags, separated by spaces:': '标签（以空格分隔）：',
    'Note': '备注',
    'Notes on this run:': '此运行的备注：',
    'Compare baseline': '对比基线',
    'Baseline run:': '基线运行：',
    # controller / launcher
    'the run could not be stopped': '无法停止该运行',
    'the run could not be resumed': '无法继续该运行',
    'seekbench-cli was not found at %1': '在 %1 未找到 seekbench-cli',
    'cannot start %1: %2': '无法启动 %1：%2',
    'the run process exited before it created a run': '运行进程在创建运行记录之前就退出了',
    # run view
    'Training': '训练',
    'Compare': '对比',
    'Loss (train, eval)': '损失（训练、评估）',
    'Learning rate': '学习率',
    'Gradient norm': '梯度范数',
    'Throughput (samples/s)': '吞吐量（样本/秒）',
    'Memory (MiB)': '内存（MiB）',
    'CPU (% of one core)': 'CPU（单核的百分比）',
    'No run selected': '未选择运行',
    'GPU memory from the CUDA allocator and NVML': 'GPU 内存来自 CUDA 分配器和 NVML',
    'No GPU figures (%1): host memory is shown': '没有 GPU 数据（%1）：显示主机内存',
    "Waiting for the run's first system sample…": '正在等待该运行的第一个系统采样…',
    '%n run(s) compared': ['对比 %n 个运行'],
    'Curves overlaid; the compare tab shows differences against the baseline.': '曲线已叠加显示；“对比”页列出与基线的差异。',
    'no progress yet': '尚无进度',
    'step %1 of %2': '第 %1 步，共 %2 步',
    'best %1 %2 (step %3)': '最佳 %1 %2（第 %3 步）',
    'ETA %1': '预计剩余 %1',
    'attempt %1': '第 %1 次尝试',
    '<b>%1</b>: %2<pre>%3</pre>': '<b>%1</b>：%2<pre>%3</pre>',
    # runs mode
    'Project': '项目',
    'Runs': '运行',
    'Log': '日志',
    'Open a project (Ctrl+O) or create one (Ctrl+Shift+N).': '打开一个项目（Ctrl+O）或新建一个（Ctrl+Shift+N）。',
    'Run %1 started': '运行 %1 已启动',
    'Launch failed': '启动失败',
    'Launch failed: %1': '启动失败：%1',
    'Run %1 did not stop in time and was killed': '运行 %1 未能及时停止，已被强制结束',
    'Run %1 stopped': '运行 %1 已停止',
    'Run %1 resumed': '运行 %1 已继续',
    'Run %1': '运行 %1',
    'Run diverged': '运行发散',
    '%1: %2': '%1：%2',
    'Run finished': '运行已完成',
    'Run failed': '运行失败',
    'stopping %1: kill in %2 s': '正在停止 %1：%2 秒后强制结束',
    '%1 %2%': '%1 %2%',
    ' (ETA %1)': '（预计剩余 %1）',
    'starting %n run(s)': ['正在启动 %n 个运行'],
    'No runs running': '没有正在进行的运行',
    'Running: %1': '进行中：%1',
    # runs table
    'queued': '排队中',
    'running': '运行中',
    'finished': '已完成',
    'failed': '失败',
    'cancelled': '已取消',
    'crashed': '已崩溃',
    '%1 s': '%1 秒',
    '%1 min %2 s': '%1 分 %2 秒',
    '%1 h %2 min': '%1 小时 %2 分',
    ' · ETA %1': ' · 预计剩余 %1',
    'Status': '状态',
    'Created': '创建时间',
    'Duration': '时长',
    '%1 (final)': '%1（最终）',
    'Filter runs by name, id, tag or note': '按名称、ID、标签或备注筛选运行',
    'Any status': '任意状态',
    'Any tag': '任意标签',
    'Right-click to choose the columns': '右键单击以选择显示的列',
    'Params': '参数',
    'Final metrics': '最终指标',
    # settings
    'Settings': '设置',
    'System language': '系统语言',
    ' s': ' 秒',
    'Language (after restart)': '语言（重启后生效）',
    'Theme': '主题',
    'Stop: kill after': '停止：超时后强制结束',
    'Language': '语言',
    'The new language applies when Seekbench restarts.': '新的语言将在 Seekbench 重启后生效。',
    # system chart
    'CPU %': 'CPU %',
    'RSS (MiB)': '常驻内存 RSS（MiB）',
    'CUDA allocated (MiB)': 'CUDA 已分配（MiB）',
    'CUDA reserved (MiB)': 'CUDA 已保留（MiB）',
    'CUDA peak (MiB)': 'CUDA 峰值（MiB）',
    'GPU %1 used (MiB)': 'GPU %1 已用（MiB）',
    # queue and memory check
    'This run needs about %1 MiB of memory for training, but only %2 MiB are free.': '此运行训练约需 %1 MiB 内存，但当前仅有 %2 MiB 可用。',
    "%1 is queued: the machine's cores are taken by running runs": '%1 已排队：本机的 CPU 核心正被运行中的任务占用',
    '%n run(s) queued': ['%n 个运行排队中'],
    'Automatic (cores / threads per run)': '自动（核心数 / 每个运行的线程数）',
    'Runs at once on this machine': '本机同时运行的数量',
    # live plot
    'Smoothing %1': '平滑 %1',
    'Log y': '对数 y 轴',
    'Step': '步数',
    'Wall time': '时钟时间',
    'Relative time (s)': '相对时间（秒）',
    'Box zoom': '框选缩放',
    'Drag a rectangle to zoom; double-click resets the view': '拖出矩形进行缩放；双击恢复视图',
    'Export…': '导出…',
    'No data yet': '暂无数据',
    'Image (PNG)…': '图片（PNG）…',
    'Vector image (SVG)…': '矢量图（SVG）…',
    'Data (CSV)…': '数据（CSV）…',
    'PNG images (*.png)': 'PNG 图片 (*.png)',
    'SVG images (*.svg)': 'SVG 图片 (*.svg)',
    'CSV files (*.csv)': 'CSV 文件 (*.csv)',
    'Export chart': '导出图表',
    'step': '步数',
    'wall time': '时钟时间',
    'seconds since start': '开始后的秒数',
    '%1 @ step %2: mean %3 (min %4, max %5)': '%1 @ 第 %2 步：均值 %3（最小 %4，最大 %5）',
    '%1 @ step %2: %3': '%1 @ 第 %2 步：%3',
}
# Same English word, different meaning per context.
BY_CONTEXT = {
    ('seekbench::ui::RunView', 'System'): '系统',
}


def load_area_tables():
    """Each area of the app may keep its Chinese in translations/zh_CN/<area>.json
    ({"source": "translation"} or {"Context|source": ...}), so parallel work never edits one table."""
    import glob
    import json
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    for f in sorted(glob.glob(os.path.join(here, 'zh_CN', '*.json'))):
        with open(f, encoding='utf-8') as fh:
            for key, value in json.load(fh).items():
                if '|' in key:
                    ctx, src = key.split('|', 1)
                    BY_CONTEXT[(ctx, src)] = value
                else:
                    ZH[key] = value


def main(path):
    load_area_tables()
    tree = ET.parse(path)
    missing = []
    for ctx in tree.getroot().findall('context'):
        name = ctx.find('name').text
        for msg in ctx.findall('message'):
            src = msg.find('source').text
            zh = BY_CONTEXT.get((name, src), ZH.get(src))
            tr = msg.find('translation')
            if zh is None:
                missing.append(f'{name}: {src}')
                continue
            for child in list(tr):
                tr.remove(child)
            tr.text = None
            if msg.get('numerus') == 'yes':
                forms = zh if isinstance(zh, list) else [zh]
                for f in forms:
                    ET.SubElement(tr, 'numerusform').text = f
            else:
                tr.text = zh[0] if isinstance(zh, list) else zh
            tr.attrib.pop('type', None)
    tree.write(path, encoding='utf-8', xml_declaration=True)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text.replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1))
    for m in missing:
        print('missing:', m)
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'translations/seekbench_zh_CN.ts'))
